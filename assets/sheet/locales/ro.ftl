# The handoff sheet's fixed texts, in Romanian (formal "dumneavoastră").

language-name = Română

## The sheet

sheet-title = Fișă de îndrumare
intro = Iată locurile care vă pot ajuta. Păstrați această fișă și arătați-o când mergeți acolo.
label-date = Data
label-for = Pentru
no-orientation = Încă nu a fost ales niciun loc.
label-why = De ce să mergeți acolo
free = Este gratuit.
label-next = Ce faceți mai departe
next-call = Sunați înainte să mergeți.
next-visit = Mergeți acolo cu această fișă.
next-email = Trimiteți-le un e-mail.
next-link = Faceți o programare pe internet, cu linkul sau cu codul QR.
next-referral = Un specialist trebuie să ia legătura cu ei în locul dumneavoastră: cereți acest lucru persoanei care vă ajută.
section-contact = Cum îi contactați
label-phone = Telefon
label-email = E-mail
label-appointment = Programare pe internet
label-website = Site
qr-caption-appointment = Ca să faceți o programare pe internet, îndreptați camera unui telefon spre acest cod.
qr-caption-website = Ca să vedeți pagina lor pe internet, îndreptați camera unui telefon spre acest cod.
section-go = Cum ajungeți acolo
label-address = Adresa
label-hours = Program
label-access = Bine de știut, ce să luați cu dumneavoastră
label-centre = Fișă dată de
label-centre-phone = Telefonul centrului care v-a primit
closing = Puteți reveni la noi dacă aveți nevoie de ajutor.
page-number = Pagina { $page } din { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Unde găsiți ajutor
easy-intro = Păstrați această fișă.
easy-why = Pentru ce
easy-address = Unde
easy-phone = Telefon
easy-hours = Când
easy-bring = Bine de știut
easy-next = Ce faceți
easy-free = Este gratuit.
easy-closing = Aveți nevoie de ajutor? Veniți din nou la noi.

## Opening hours in words

day-1 = luni
day-2 = marți
day-3 = miercuri
day-4 = joi
day-5 = vineri
day-6 = sâmbătă
day-7 = duminică
# e.g. "de luni până vineri"
days-range = de { $first } până { $last }
# e.g. "luni și joi"; longer lists are "luni, marți și joi".
list-and = { $first } și { $last }
every-day = în fiecare zi
holidays = sărbătorile legale
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = de la { $from } la { $to }
# e.g. "de luni până vineri, de la 9:00 la 12:00"
rule-open = { $days }, { $times }
rule-closed = { $days }: închis
always-open = deschis în fiecare zi, zi și noapte

## Each need in short words, for the easy-read sheet (codes of the questionnaire "diagnostic-numerique").
## Other languages also carry need-<code>: the full sentence, which French and English take from the
## questionnaire itself.

easy-need-demarche_accompagnee = Ca să vă faceți actele, cu ajutor.
easy-need-equipement = Ca să aveți un telefon sau un calculator ieftin.
easy-need-connexion = Ca să aveți internet.
easy-need-francais = Ca să învățați franceza.
easy-need-accompagnement_individuel = Ca să învățați să folosiți telefonul sau calculatorul, cu o persoană.
easy-need-atelier_fondamentaux = Ca să învățați să folosiți telefonul sau calculatorul, în grup.
easy-need-demarches_en_ligne = Ca să învățați să vă faceți actele pe internet.
easy-need-emploi = Ca să căutați de lucru.
easy-need-securite = Ca să evitați înșelătoriile pe internet.
easy-need-autonomie = Ca să învățați mai departe pe cont propriu.

need-demarche_accompagnee = Ca să vă faceți actele chiar acum, cu o persoană care vă ajută sau care le face în locul dumneavoastră.
need-equipement = Ca să aveți un telefon sau un calculator la preț mic. Și, până atunci, un loc unde să folosiți gratuit un calculator.
need-connexion = Ca să aveți mai ușor acces la internet, acasă sau pe telefon.
need-francais = Ca să vorbiți și să scrieți mai bine în franceză, în ritmul dumneavoastră.
need-accompagnement_individuel = Ca să învățați pas cu pas să folosiți telefonul sau calculatorul, cu o persoană doar pentru dumneavoastră.
need-atelier_fondamentaux = Ca să învățați să folosiți telefonul sau calculatorul, la cursuri cu alte persoane.
need-demarches_en_ligne = Ca să învățați să vă faceți actele pe internet: CAF (ajutoare sociale), ameli (asigurări de sănătate), impozite… Și ca să vă cunoașteți drepturile.
need-emploi = Ca să primiți ajutor când căutați de lucru: anunțuri, CV și candidaturi pe internet.
need-securite = Ca să folosiți internetul în siguranță: să recunoașteți înșelătoriile și să vă protejați parolele.
need-autonomie = Ca să învățați mai departe în ritmul dumneavoastră, puteți exersa gratuit pe Pix (pix.fr) sau pe Les Bons Clics (lesbonsclics.fr).
