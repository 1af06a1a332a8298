# The handoff sheet's fixed texts, in Ukrainian. Reference: fr.ftl.
# Plain words, short sentences, polite "ви".

# The language's own name, as its speakers write it.
language-name = Українська

## The sheet

sheet-title = Направлення
intro = Ось місця, де вам можуть допомогти. Збережіть цей аркуш і покажіть його, коли прийдете туди.
label-date = Дата
label-for = Для кого
no-orientation = Поки що жодного місця не вибрано.
label-why = Навіщо туди йти
free = Це безкоштовно.
label-next = Що робити далі
next-call = Зателефонуйте їм, перш ніж іти.
next-visit = Ідіть туди з цим аркушем.
next-email = Напишіть їм електронного листа.
next-link = Запишіться на прийом онлайн: за посиланням або за QR-кодом.
next-referral = Фахівець має зв’язатися з ними за вас: попросіть про це людину, яка вам допомагає.
section-contact = Як з ними зв’язатися
label-phone = Телефон
label-email = Електронна пошта
label-appointment = Запис онлайн
label-website = Сайт
qr-caption-appointment = Щоб записатися на прийом онлайн, наведіть камеру телефона на цей код.
qr-caption-website = Щоб побачити їхню сторінку в інтернеті, наведіть камеру телефона на цей код.
section-go = Як туди дістатися
label-address = Адреса
label-hours = Години роботи
label-access = Що знати і що взяти з собою
label-centre = Хто видав цей аркуш
label-centre-phone = Телефон нашого центру
closing = Якщо вам потрібна допомога, ви можете знову прийти до нас.
page-number = Сторінка { $page } з { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Куди звернутися по допомогу
easy-intro = Збережіть цей аркуш.
easy-why = Навіщо
easy-address = Де
easy-phone = Телефон
easy-hours = Коли
easy-bring = Корисно знати
easy-next = Що робити
easy-free = Це безкоштовно.
easy-closing = Потрібна допомога? Приходьте до нас знову.

## Opening hours in words

day-1 = понеділок
day-2 = вівторок
day-3 = середа
day-4 = четвер
day-5 = п’ятниця
day-6 = субота
day-7 = неділя
# From one day to another, e.g. "понеділок – п’ятниця" (no case change needed).
days-range = { $first } – { $last }
# Two items of a list, e.g. "понеділок і четвер".
list-and = { $first } і { $last }
every-day = щодня
holidays = святкові дні
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = з { $from } до { $to }
# An opening: the days, then the times, e.g. "понеділок – п’ятниця, з 9:00 до 12:00".
rule-open = { $days }, { $times }
rule-closed = { $days }: зачинено
always-open = відчинено щодня, цілодобово

## Each need in short words, for the easy-read sheet.

easy-need-demarche_accompagnee = Щоб вам допомогли оформити документи.
easy-need-equipement = Щоб мати недорогий телефон або комп’ютер.
easy-need-connexion = Щоб у вас був інтернет.
easy-need-francais = Щоб вивчати французьку мову.
easy-need-accompagnement_individuel = Щоб навчитися користуватися телефоном або комп’ютером, віч-на-віч із помічником.
easy-need-atelier_fondamentaux = Щоб навчитися користуватися телефоном або комп’ютером, у групі.
easy-need-demarches_en_ligne = Щоб навчитися оформлювати документи через інтернет.
easy-need-emploi = Щоб шукати роботу.
easy-need-securite = Щоб уникати шахрайства в інтернеті.
easy-need-autonomie = Щоб і далі вчитися самостійно.

## Each need as a full sentence (French and English take it from the questionnaire).

need-demarche_accompagnee = Щоб оформити документи вже зараз: людина допоможе вам або зробить усе за вас.
need-equipement = Щоб недорого придбати телефон або комп’ютер. А поки що — місце, де можна безкоштовно користуватися комп’ютером.
need-connexion = Щоб вам було легше користуватися інтернетом — удома або на телефоні.
need-francais = Щоб краще говорити й писати французькою, у своєму темпі.
need-accompagnement_individuel = Щоб крок за кроком навчитися користуватися телефоном або комп’ютером. Поруч буде людина, яка допомагатиме тільки вам.
need-atelier_fondamentaux = Щоб освоїти телефон або комп’ютер на заняттях разом з іншими людьми.
need-demarches_en_ligne = Щоб навчитися оформлювати документи через інтернет (сімейні виплати CAF, медичне страхування ameli, податки…) і знати свої права.
need-emploi = Щоб вам допомогли шукати роботу: вакансії, резюме та заявки онлайн.
need-securite = Щоб безпечно користуватися інтернетом: розпізнавати шахрайство і захищати свої паролі.
need-autonomie = Щоб і далі вчитися у своєму темпі. Ви можете безкоштовно тренуватися на сайтах Pix (pix.fr) або Les Bons Clics (lesbonsclics.fr).
