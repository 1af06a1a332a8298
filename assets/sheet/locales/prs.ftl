# The handoff sheet's fixed texts, in Dari (the Persian of Afghanistan). Reference: fr.ftl.
# Plain words, short sentences, polite "شما". Afghan vocabulary (تیلفون، کمپیوتر، انترنت، معلومات، رخصتی، کود).

# The language's own name, as its speakers write it.
language-name = دری

## The sheet

sheet-title = ورق رهنمایی
intro = این جاها می‌توانند به شما کمک کنند. این ورق را نگه دارید و وقتی به آنجا می‌روید، آن را نشان بدهید.
label-date = تاریخ
label-for = نام
no-orientation = هنوز هیچ جایی انتخاب نشده است.
label-why = چرا به آنجا بروید
free = رایگان است.
label-next = بعد از این چه کنید
next-call = قبل از رفتن، به آن‌ها تیلفون کنید.
next-visit = با همین ورق به آنجا بروید.
next-email = به آن‌ها ایمیل بفرستید.
next-link = از راه لینک یا کود QR، آنلاین وقت بگیرید.
next-referral = یک کارمند مسلکی باید به جای شما با آن‌ها تماس بگیرد: از کسی که به شما کمک می‌کند، این را بخواهید.
section-contact = برای تماس با آن‌ها
label-phone = تیلفون
label-email = ایمیل
label-appointment = وقت گرفتن آنلاین
label-website = ویب‌سایت
qr-caption-appointment = برای گرفتن وقت آنلاین، کمرهٔ تیلفون را روی این کود نگه دارید.
qr-caption-website = برای دیدن صفحهٔ آن‌ها در انترنت، کمرهٔ تیلفون را روی این کود نگه دارید.
section-go = چطور به آنجا بروید
label-address = آدرس
label-hours = اوقات کاری
label-access = معلومات مفید، و چه چیزی با خود ببرید
label-centre = این ورق را داده است
label-centre-phone = تیلفون مرکز ما
closing = اگر به کمک ضرورت داشتید، می‌توانید دوباره پیش ما بیایید.
page-number = صفحهٔ { $page } از { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = برای کمک به کجا بروید
easy-intro = این ورق را نگه دارید.
easy-why = برای چه
easy-address = کجا
easy-phone = تیلفون
easy-hours = چه وقت
easy-bring = معلومات مهم
easy-next = چه کنید
easy-free = رایگان است.
easy-closing = به کمک ضرورت دارید؟ دوباره پیش ما بیایید.

## Opening hours in words

day-1 = دوشنبه
day-2 = سه‌شنبه
day-3 = چهارشنبه
day-4 = پنجشنبه
day-5 = جمعه
day-6 = شنبه
day-7 = یکشنبه
# From one day to another, e.g. "از دوشنبه تا جمعه".
days-range = از { $first } تا { $last }
# Two items of a list, e.g. "دوشنبه و پنجشنبه".
list-and = { $first } و { $last }
every-day = هر روز
holidays = روزهای رخصتی رسمی
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = از { $from } تا { $to }
# An opening: the days, then the times, e.g. "از دوشنبه تا جمعه، از 9:00 تا 12:00".
rule-open = { $days }، { $times }
rule-closed = { $days }: بسته
always-open = هر روز، شب و روز باز است

## Each need in short words, for the easy-read sheet.

easy-need-demarche_accompagnee = برای انجام کارهای اداری‌تان، با کمک یک نفر.
easy-need-equipement = برای داشتن تیلفون یا کمپیوتر ارزان.
easy-need-connexion = برای داشتن انترنت.
easy-need-francais = برای یاد گرفتن زبان فرانسوی.
easy-need-accompagnement_individuel = برای یاد گرفتن تیلفون یا کمپیوتر، با یک نفر که تنها به شما کمک می‌کند.
easy-need-atelier_fondamentaux = برای یاد گرفتن تیلفون یا کمپیوتر، در یک گروه.
easy-need-demarches_en_ligne = برای یاد گرفتن کارهای اداری در انترنت.
easy-need-emploi = برای پیدا کردن کار.
easy-need-securite = برای این‌که در انترنت فریب نخورید.
easy-need-autonomie = برای این‌که خودتان به یاد گرفتن ادامه بدهید.

## Each need as a full sentence (French and English take it from the questionnaire).

need-demarche_accompagnee = برای این‌که کار اداری‌تان را همین حالا انجام بدهید. یک نفر به شما کمک می‌کند، یا آن را به جای شما انجام می‌دهد.
need-equipement = برای خریدن تیلفون یا کمپیوتر با قیمت کم. تا آن وقت، جایی که بتوانید رایگان از کمپیوتر استفاده کنید.
need-connexion = برای این‌که در خانه یا در تیلفون خود، آسان‌تر به انترنت دسترسی داشته باشید.
need-francais = برای پیشرفت در زبان فرانسوی، هم در گپ زدن و هم در نوشتن، به سرعت خودتان.
need-accompagnement_individuel = برای این‌که استفاده از تیلفون یا کمپیوتر خود را قدم به قدم یاد بگیرید. یک نفر تنها به شما کمک می‌کند.
need-atelier_fondamentaux = برای آشنا شدن با تیلفون یا کمپیوتر خود، در صنف‌هایی همراه با دیگران.
need-demarches_en_ligne = برای یاد گرفتن کارهای اداری در انترنت (کمک‌های خانوادگی CAF، بیمهٔ صحی ameli، مالیات…) و شناختن حقوق خود.
need-emploi = برای کمک در پیدا کردن کار: اعلان‌های کار، خلص سوانح (CV) و درخواست کار در انترنت.
need-securite = برای استفادهٔ بی‌خطر از انترنت: شناختن فریبکاری و محافظت از پاسوردهای خود.
need-autonomie = برای این‌که به سرعت خودتان پیشرفت کنید. می‌توانید رایگان در ویب‌سایت Pix (pix.fr) یا Les Bons Clics (lesbonsclics.fr) تمرین کنید.
