# The handoff sheet's fixed texts, in French: the reference for every other language.
# Plain words, short sentences, "vous". Read by the person, and by the place that receives them.
# Ids shared by every language file; a test fails when one is missing.

# The language's own name, as its speakers write it.
language-name = Français

## The sheet

sheet-title = Fiche d’orientation
intro = Voici les lieux qui peuvent vous aider. Gardez cette fiche et montrez-la quand vous y allez.
label-date = Date
label-for = Pour
no-orientation = Aucun lieu n’a été choisi pour le moment.
label-why = Pourquoi y aller
free = C’est gratuit.
label-next = Ce que vous faites ensuite
next-call = Appelez avant d’y aller.
next-visit = Allez-y avec cette fiche.
next-email = Écrivez-leur un courriel.
next-link = Prenez rendez-vous en ligne, avec le lien ou le code QR.
next-referral = Un professionnel doit les contacter pour vous : demandez-le à la personne qui vous accompagne.
section-contact = Pour les contacter
label-phone = Téléphone
label-email = Courriel
label-appointment = Rendez-vous en ligne
label-website = Site internet
qr-caption-appointment = Pour prendre rendez-vous sur internet, visez ce code avec l’appareil photo d’un téléphone.
qr-caption-website = Pour voir leur page sur internet, visez ce code avec l’appareil photo d’un téléphone.
section-go = Comment y aller
label-address = Adresse
label-hours = Horaires
label-access = À savoir, à apporter
label-centre = Fiche remise par
label-centre-phone = Téléphone du lieu d’accueil
closing = Vous pouvez revenir nous voir si vous avez besoin d’aide.
page-number = Page { $page } sur { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Où aller pour avoir de l’aide
easy-intro = Gardez cette feuille.
easy-why = Pourquoi y aller ?
easy-address = Où
easy-phone = Téléphone
easy-hours = Quand
easy-bring = À savoir
easy-next = Ce que vous faites
easy-free = C’est gratuit.
easy-closing = Besoin d’aide ? Revenez nous voir.

## Opening hours in words

day-1 = lundi
day-2 = mardi
day-3 = mercredi
day-4 = jeudi
day-5 = vendredi
day-6 = samedi
day-7 = dimanche
# From one day to another, e.g. "du lundi au vendredi".
days-range = du { $first } au { $last }
# Two items of a list, e.g. "lundi et jeudi"; longer lists are "lundi, mardi et jeudi".
list-and = { $first } et { $last }
every-day = tous les jours
holidays = les jours fériés
# A time of day: 9 h, 12 h 30. $hour and $minute are numbers ("9", "05"); $minutes is "none" on
# the hour, else "some".
time = { $minutes ->
    [none] { $hour } h
   *[some] { $hour } h { $minute }
}
time-span = de { $from } à { $to }
# An opening: the days, then the times, e.g. "du lundi au vendredi, de 9 h à 12 h".
rule-open = { $days }, { $times }
rule-closed = { $days } : fermé
always-open = ouvert tous les jours, jour et nuit

## Each need in short words, for the easy-read sheet (codes of the questionnaire "diagnostic-numerique").
## Other languages also carry need-<code>: the full sentence, which French and English take from the
## questionnaire itself.

easy-need-demarche_accompagnee = Pour faire votre démarche avec de l’aide.
easy-need-equipement = Pour avoir un téléphone ou un ordinateur pas cher.
easy-need-connexion = Pour avoir internet.
easy-need-francais = Pour apprendre le français.
easy-need-accompagnement_individuel = Pour apprendre le téléphone ou l’ordinateur, avec une personne.
easy-need-atelier_fondamentaux = Pour apprendre le téléphone ou l’ordinateur, en groupe.
easy-need-demarches_en_ligne = Pour apprendre les démarches sur internet.
easy-need-emploi = Pour chercher du travail.
easy-need-securite = Pour éviter les arnaques sur internet.
easy-need-autonomie = Pour continuer à apprendre seul.
