# The handoff sheet's fixed texts, in English.

language-name = English

## The sheet

sheet-title = Referral sheet
intro = Here are the places that can help you. Keep this sheet and show it when you go there.
label-date = Date
label-for = For
no-orientation = No place has been chosen yet.
label-why = Why go there
free = It is free.
label-next = What you do next
next-call = Call them before you go.
next-visit = Go there with this sheet.
next-email = Send them an e-mail.
next-link = Book an appointment online, with the link or the QR code.
next-referral = A professional must contact them for you: ask the person who helps you.
section-contact = How to contact them
label-phone = Phone
label-email = E-mail
label-appointment = Online appointment
label-website = Website
qr-caption-appointment = To book an appointment online, point a phone camera at this code.
qr-caption-website = To see their page on the internet, point a phone camera at this code.
section-go = How to get there
label-address = Address
label-hours = Opening hours
label-access = Good to know, what to bring
label-centre = Sheet given by
label-centre-phone = Phone of the drop-in centre
closing = You can come back to see us if you need help.
page-number = Page { $page } of { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Where to go for help
easy-intro = Keep this sheet.
easy-why = Why go there?
easy-address = Where
easy-phone = Phone
easy-hours = When
easy-bring = Good to know
easy-next = What you do
easy-free = It is free.
easy-closing = Need help? Come back to see us.

## Opening hours in words

day-1 = Monday
day-2 = Tuesday
day-3 = Wednesday
day-4 = Thursday
day-5 = Friday
day-6 = Saturday
day-7 = Sunday
days-range = { $first } to { $last }
list-and = { $first } and { $last }
every-day = every day
holidays = public holidays
time = { $hour }:{ $minute }
time-span = { $from } to { $to }
rule-open = { $days }, { $times }
rule-closed = { $days }: closed
always-open = open every day, day and night

## Each need in short words, for the easy-read sheet.

easy-need-demarche_accompagnee = To do your procedure, with help.
easy-need-equipement = To get a cheap phone or computer.
easy-need-connexion = To get internet.
easy-need-francais = To learn French.
easy-need-accompagnement_individuel = To learn the phone or computer, with one person.
easy-need-atelier_fondamentaux = To learn the phone or computer, in a group.
easy-need-demarches_en_ligne = To learn to do procedures online.
easy-need-emploi = To look for a job.
easy-need-securite = To avoid scams on the internet.
easy-need-autonomie = To keep learning on your own.
