# The handoff sheet's fixed texts, in Turkish (formal "siz").

language-name = Türkçe

## The sheet

sheet-title = Yönlendirme belgesi
intro = Size yardım edebilecek yerler burada. Bu belgeyi saklayın. Oraya gittiğinizde gösterin.
label-date = Tarih
label-for = Kimin için
no-orientation = Henüz bir yer seçilmedi.
label-why = Gitme nedeni
free = Ücretsizdir.
label-next = Sonra ne yapacaksınız
next-call = Gitmeden önce arayın.
next-visit = Bu belgeyle oraya gidin.
next-email = Onlara e-posta gönderin.
next-link = Bağlantıyla ya da QR koduyla internetten randevu alın.
next-referral = Bir uzmanın sizin için onlarla iletişime geçmesi gerekir: bunu size yardım eden kişiden isteyin.
section-contact = Onlara ulaşmak için
label-phone = Telefon
label-email = E-posta
label-appointment = İnternetten randevu
label-website = İnternet sitesi
qr-caption-appointment = İnternetten randevu almak için telefon kamerasını bu koda tutun.
qr-caption-website = Sayfalarını internette görmek için telefon kamerasını bu koda tutun.
section-go = Nasıl gidilir
label-address = Adres
label-hours = Açık olduğu saatler
label-access = Bilmeniz gerekenler, yanınıza alacaklarınız
label-centre = Bu belgeyi veren
label-centre-phone = Sizi karşılayan merkezin telefonu
closing = Yardıma ihtiyacınız olursa yine bize gelebilirsiniz.
page-number = Sayfa { $page } / { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Yardım için nereye gidebilirsiniz
easy-intro = Bu belgeyi saklayın.
easy-why = Ne için
easy-address = Nerede
easy-phone = Telefon
easy-hours = Ne zaman
easy-bring = Bilmeniz gerekenler
easy-next = Ne yapacaksınız
easy-free = Ücretsizdir.
easy-closing = Yardıma mı ihtiyacınız var? Yine bize gelin.

## Opening hours in words

day-1 = pazartesi
day-2 = salı
day-3 = çarşamba
day-4 = perşembe
day-5 = cuma
day-6 = cumartesi
day-7 = pazar
# "ile … arası" needs no suffix on the day names, e.g. "pazartesi ile cuma arası".
days-range = { $first } ile { $last } arası
# e.g. "pazartesi ve perşembe"; longer lists are "pazartesi, salı ve perşembe".
list-and = { $first } ve { $last }
every-day = her gün
holidays = resmî tatiller
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = { $from } – { $to }
# e.g. "pazartesi ile cuma arası, 9:00 – 12:00"
rule-open = { $days }, { $times }
rule-closed = { $days }: kapalı
always-open = her gün, gece gündüz açık

## Each need in short words, for the easy-read sheet (codes of the questionnaire "diagnostic-numerique").
## Other languages also carry need-<code>: the full sentence, which French and English take from the
## questionnaire itself.

easy-need-demarche_accompagnee = İşlemlerinizi yardım alarak yapmak için.
easy-need-equipement = Ucuz bir telefon veya bilgisayar almak için.
easy-need-connexion = İnternete bağlanmak için.
easy-need-francais = Fransızca öğrenmek için.
easy-need-accompagnement_individuel = Telefon veya bilgisayar kullanmayı birebir öğrenmek için.
easy-need-atelier_fondamentaux = Telefon veya bilgisayar kullanmayı grup içinde öğrenmek için.
easy-need-demarches_en_ligne = İşlemlerinizi internetten yapmayı öğrenmek için.
easy-need-emploi = İş aramak için.
easy-need-securite = İnternette dolandırıcılardan korunmak için.
easy-need-autonomie = Kendi başınıza öğrenmeye devam etmek için.

need-demarche_accompagnee = İşleminizi hemen yapmak için: bir kişi size yardım eder ya da işlemi sizin yerinize yapar.
need-equipement = Uygun fiyatlı bir telefon veya bilgisayar almak için. O zamana kadar, ücretsiz bilgisayar kullanabileceğiniz bir yer bulmak için.
need-connexion = Evde veya telefonunuzda internete daha kolay bağlanmak için.
need-francais = Fransızca konuşmanızı ve yazmanızı kendi hızınızda geliştirmek için.
need-accompagnement_individuel = Telefonunuzu veya bilgisayarınızı adım adım kullanmayı öğrenmek için. Bir kişi sadece sizinle ilgilenir.
need-atelier_fondamentaux = Telefonunuzu veya bilgisayarınızı kullanmayı grup derslerinde, başkalarıyla birlikte öğrenmek için.
need-demarches_en_ligne = İşlemlerinizi internetten yapmayı öğrenmek için: CAF (sosyal yardımlar), ameli (sağlık sigortası), vergiler… Ve haklarınızı öğrenmek için.
need-emploi = İş ararken yardım almak için: iş ilanları, CV ve internetten başvurular.
need-securite = İnterneti güvenle kullanmak için: dolandırıcılıkları tanımak ve şifrelerinizi korumak.
need-autonomie = Kendi hızınızda öğrenmeye devam etmek için Pix (pix.fr) veya Les Bons Clics (lesbonsclics.fr) sitelerinde ücretsiz alıştırma yapabilirsiniz.
