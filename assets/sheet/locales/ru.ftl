# The handoff sheet's fixed texts, in Russian. Reference: fr.ftl.
# Plain words, short sentences, polite "вы".

# The language's own name, as its speakers write it.
language-name = Русский

## The sheet

sheet-title = Направление
intro = Вот места, где вам могут помочь. Сохраните этот лист и покажите его, когда придёте туда.
label-date = Дата
label-for = Для кого
no-orientation = Пока не выбрано ни одного места.
label-why = Зачем туда идти
free = Это бесплатно.
label-next = Что делать дальше
next-call = Позвоните им, прежде чем идти.
next-visit = Идите туда с этим листом.
next-email = Напишите им по электронной почте.
next-link = Запишитесь на приём онлайн: по ссылке или по QR-коду.
next-referral = Специалист должен связаться с ними за вас: попросите об этом человека, который вам помогает.
section-contact = Как с ними связаться
label-phone = Телефон
label-email = Электронная почта
label-appointment = Запись онлайн
label-website = Сайт
qr-caption-appointment = Чтобы записаться на приём онлайн, наведите камеру телефона на этот код.
qr-caption-website = Чтобы увидеть их страницу в интернете, наведите камеру телефона на этот код.
section-go = Как туда добраться
label-address = Адрес
label-hours = Часы работы
label-access = Что знать и что взять с собой
label-centre = Кто выдал этот лист
label-centre-phone = Телефон нашего центра
closing = Если вам нужна помощь, вы можете снова прийти к нам.
page-number = Страница { $page } из { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Куда обратиться за помощью
easy-intro = Сохраните этот лист.
easy-why = Зачем
easy-address = Где
easy-phone = Телефон
easy-hours = Когда
easy-bring = Полезно знать
easy-next = Что делать
easy-free = Это бесплатно.
easy-closing = Нужна помощь? Приходите к нам снова.

## Opening hours in words

day-1 = понедельник
day-2 = вторник
day-3 = среда
day-4 = четверг
day-5 = пятница
day-6 = суббота
day-7 = воскресенье
# From one day to another, e.g. "понедельник – пятница" (no case change needed).
days-range = { $first } – { $last }
# Two items of a list, e.g. "понедельник и четверг".
list-and = { $first } и { $last }
every-day = каждый день
holidays = праздничные дни
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = с { $from } до { $to }
# An opening: the days, then the times, e.g. "понедельник – пятница, с 9:00 до 12:00".
rule-open = { $days }, { $times }
rule-closed = { $days }: закрыто
always-open = открыто каждый день, круглосуточно

## Each need in short words, for the easy-read sheet.

easy-need-demarche_accompagnee = Чтобы вам помогли оформить документы.
easy-need-equipement = Чтобы получить недорогой телефон или компьютер.
easy-need-connexion = Чтобы у вас был интернет.
easy-need-francais = Чтобы учить французский язык.
easy-need-accompagnement_individuel = Чтобы научиться пользоваться телефоном или компьютером, один на один с помощником.
easy-need-atelier_fondamentaux = Чтобы научиться пользоваться телефоном или компьютером, в группе.
easy-need-demarches_en_ligne = Чтобы научиться оформлять документы через интернет.
easy-need-emploi = Чтобы искать работу.
easy-need-securite = Чтобы не попасться мошенникам в интернете.
easy-need-autonomie = Чтобы учиться дальше самостоятельно.

## Each need as a full sentence (French and English take it from the questionnaire).

need-demarche_accompagnee = Чтобы оформить документы прямо сейчас: человек поможет вам или сделает всё за вас.
need-equipement = Чтобы недорого купить телефон или компьютер. А пока — место, где можно бесплатно пользоваться компьютером.
need-connexion = Чтобы вам было проще пользоваться интернетом — дома или на телефоне.
need-francais = Чтобы лучше говорить и писать по-французски, в своём темпе.
need-accompagnement_individuel = Чтобы шаг за шагом научиться пользоваться телефоном или компьютером. Рядом будет человек, который будет помогать только вам.
need-atelier_fondamentaux = Чтобы освоить телефон или компьютер на занятиях вместе с другими людьми.
need-demarches_en_ligne = Чтобы научиться оформлять документы через интернет (семейные пособия CAF, медицинская страховка ameli, налоги…) и знать свои права.
need-emploi = Чтобы вам помогли найти работу: вакансии, резюме и отклики через интернет.
need-securite = Чтобы безопасно пользоваться интернетом: замечать обман и защищать свои пароли.
need-autonomie = Чтобы учиться дальше в своём темпе. Вы можете бесплатно заниматься на сайтах Pix (pix.fr) или Les Bons Clics (lesbonsclics.fr).
