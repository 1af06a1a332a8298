# The handoff sheet's fixed texts, in Pashto. Reference: fr.ftl.
# Plain words, short sentences, polite "تاسو".

# The language's own name, as its speakers write it.
language-name = پښتو

## The sheet

sheet-title = د لارښوونې پاڼه
intro = دا هغه ځایونه دي چې له تاسو سره مرسته کولی شي. دا پاڼه وساتئ، او کله چې هلته ځئ، هغوی ته یې وښایاست.
label-date = نېټه
label-for = نوم
no-orientation = تر اوسه هېڅ ځای نه دی ټاکل شوی.
label-why = ولې هلته لاړ شئ
free = دا وړیا دی.
label-next = وروسته څه وکړئ
next-call = تر تګ مخکې هغوی ته زنګ ووهئ.
next-visit = له دې پاڼې سره هلته لاړ شئ.
next-email = هغوی ته ایمیل ولېږئ.
next-link = د لینک یا QR کوډ له لارې، آنلاین وخت واخلئ.
next-referral = یو مسلکي کس باید ستاسو په ځای له هغوی سره اړیکه ونیسي: له هغه چا یې وغواړئ چې له تاسو سره مرسته کوي.
section-contact = له هغوی سره د اړیکې لپاره
label-phone = ټیلیفون
label-email = ایمیل
label-appointment = آنلاین وخت اخیستل
label-website = ویب‌پاڼه
qr-caption-appointment = د آنلاین وخت اخیستلو لپاره، د ټیلیفون کمره دې کوډ ته ونیسئ.
qr-caption-website = په انټرنېټ کې د هغوی د پاڼې لیدلو لپاره، د ټیلیفون کمره دې کوډ ته ونیسئ.
section-go = هلته څنګه ورسېږئ
label-address = پته
label-hours = د کار وختونه
label-access = ګټور معلومات، او څه له ځان سره یوسئ
label-centre = ورکوونکی ځای
label-centre-phone = زموږ د مرکز ټیلیفون
closing = که مرستې ته اړتیا لرئ، تاسو کولی شئ بیا موږ ته راشئ.
page-number = پاڼه { $page } له { $pages } څخه

## The easy-read sheet: one idea per line, short words

easy-title = د مرستې لپاره چېرته لاړ شئ
easy-intro = دا پاڼه وساتئ.
easy-why = د څه لپاره
easy-address = چېرته
easy-phone = ټیلیفون
easy-hours = کله
easy-bring = مهم معلومات
easy-next = څه وکړئ
easy-free = دا وړیا دی.
easy-closing = مرستې ته اړتیا لرئ؟ بیا موږ ته راشئ.

## Opening hours in words

day-1 = دوشنبه
day-2 = سه‌شنبه
day-3 = چهارشنبه
day-4 = پنجشنبه
day-5 = جمعه
day-6 = شنبه
day-7 = یکشنبه
# From one day to another, e.g. "دوشنبه – جمعه": a dash, so that no day name has to change its ending.
days-range = { $first } – { $last }
# Two items of a list, e.g. "دوشنبه او پنجشنبه".
list-and = { $first } او { $last }
every-day = هره ورځ
holidays = رسمي رخصتۍ
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = له { $from } تر { $to } پورې
# An opening: the days, then the times, e.g. "دوشنبه – جمعه، له 9:00 تر 12:00 پورې".
rule-open = { $days }، { $times }
rule-closed = { $days }: بند
always-open = هره ورځ، شپه او ورځ پرانیستی دی

## Each need in short words, for the easy-read sheet.

easy-need-demarche_accompagnee = د اداري کارونو لپاره، له مرستې سره.
easy-need-equipement = د ارزانه ټیلیفون یا کمپیوټر لپاره.
easy-need-connexion = د انټرنېټ لپاره.
easy-need-francais = د فرانسوي ژبې د زده کړې لپاره.
easy-need-accompagnement_individuel = د ټیلیفون یا کمپیوټر د زده کړې لپاره، له خپل ځانګړي ښوونکي سره.
easy-need-atelier_fondamentaux = د ټیلیفون یا کمپیوټر د زده کړې لپاره، په ډله کې.
easy-need-demarches_en_ligne = په انټرنېټ کې د اداري کارونو د زده کړې لپاره.
easy-need-emploi = د کار موندلو لپاره.
easy-need-securite = په انټرنېټ کې له درغلۍ څخه د ځان ساتلو لپاره.
easy-need-autonomie = په خپله د زده کړې د دوام لپاره.

## Each need as a full sentence (French and English take it from the questionnaire).

need-demarche_accompagnee = د دې لپاره چې همدا اوس خپل اداري کار ترسره کړئ. یو کس له تاسو سره مرسته کوي، یا یې ستاسو په ځای ترسره کوي.
need-equipement = د دې لپاره چې په ارزانه بیه ټیلیفون یا کمپیوټر ولرئ. تر هغه وخته پورې، یو ځای چې هلته وړیا کمپیوټر وکاروئ.
need-connexion = د دې لپاره چې په کور کې یا په خپل ټیلیفون کې، په اسانۍ انټرنېټ ولرئ.
need-francais = د دې لپاره چې په فرانسوي ژبه کې پرمختګ وکړئ، په خبرو او لیکلو کې، په خپل رفتار.
need-accompagnement_individuel = د دې لپاره چې ګام په ګام د ټیلیفون یا کمپیوټر کارول زده کړئ. یو کس یوازې له تاسو سره مرسته کوي.
need-atelier_fondamentaux = د دې لپاره چې له خپل ټیلیفون یا کمپیوټر سره بلد شئ، په ټولګیو کې له نورو خلکو سره.
need-demarches_en_ligne = د دې لپاره چې په انټرنېټ کې د اداري کارونو ترسره کول زده کړئ (د کورنۍ مرستې CAF، روغتیايي بیمه ameli، مالیه…) او خپل حقونه وپېژنئ.
need-emploi = د دې لپاره چې د کار په موندلو کې له تاسو سره مرسته وشي: د کار اعلانونه، ژوندلیک (CV) او په انټرنېټ کې غوښتنلیکونه.
need-securite = د دې لپاره چې انټرنېټ په خوندي ډول وکاروئ: د درغلیو پېژندل او د خپلو پاسورډونو ساتل.
need-autonomie = د دې لپاره چې په خپل رفتار پرمختګ ته دوام ورکړئ. تاسو کولی شئ په Pix (pix.fr) یا Les Bons Clics (lesbonsclics.fr) ویب‌پاڼو کې وړیا تمرین وکړئ.
