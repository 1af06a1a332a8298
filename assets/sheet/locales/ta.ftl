# The handoff sheet's fixed texts, in Tamil (polite "நீங்கள்" forms).

language-name = தமிழ்

## The sheet

sheet-title = வழிகாட்டுத் தாள்
intro = உங்களுக்கு உதவக்கூடிய இடங்கள் இவை. இந்தத் தாளை வைத்துக்கொள்ளுங்கள். அங்கே போகும்போது இதைக் காட்டுங்கள்.
label-date = தேதி
label-for = யாருக்கு
no-orientation = இதுவரை எந்த இடமும் தேர்வு செய்யப்படவில்லை.
label-why = ஏன் அங்கே போக வேண்டும்
free = இது இலவசம்.
label-next = அடுத்து நீங்கள் செய்ய வேண்டியது
next-call = போவதற்கு முன், அவர்களைத் தொலைபேசியில் அழையுங்கள்.
next-visit = இந்தத் தாளுடன் அங்கே செல்லுங்கள்.
next-email = அவர்களுக்கு ஒரு மின்னஞ்சல் அனுப்புங்கள்.
next-link = இணையத்தில் சந்திப்புக்கு நேரம் பதிவு செய்யுங்கள். இணைப்பையோ QR குறியீட்டையோ பயன்படுத்துங்கள்.
next-referral = ஒரு பணியாளர் உங்களுக்காக அவர்களைத் தொடர்புகொள்ள வேண்டும்: உங்களுக்கு உதவும் நபரிடம் இதைக் கேளுங்கள்.
section-contact = அவர்களைத் தொடர்புகொள்ள
label-phone = தொலைபேசி
label-email = மின்னஞ்சல்
label-appointment = இணையத்தில் நேரம் பதிவு
label-website = இணையதளம்
qr-caption-appointment = இணையத்தில் சந்திப்புக்கு நேரம் பதிவு செய்ய, தொலைபேசியின் கேமராவை இந்தக் குறியீட்டை நோக்கிக் காட்டுங்கள்.
qr-caption-website = இணையத்தில் அவர்களின் பக்கத்தைப் பார்க்க, தொலைபேசியின் கேமராவை இந்தக் குறியீட்டை நோக்கிக் காட்டுங்கள்.
section-go = அங்கே எப்படிப் போவது
label-address = முகவரி
label-hours = திறந்திருக்கும் நேரம்
label-access = தெரிந்துகொள்ள வேண்டியவை, எடுத்துச் செல்ல வேண்டியவை
label-centre = இந்தத் தாளைக் கொடுத்தவர்
label-centre-phone = உங்களை வரவேற்ற மையத்தின் தொலைபேசி
closing = உதவி தேவைப்பட்டால், நீங்கள் மீண்டும் எங்களிடம் வரலாம்.
page-number = பக்கம் { $page } / { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = உதவிக்கு எங்கே போவது
easy-intro = இந்தத் தாளை வைத்துக்கொள்ளுங்கள்.
easy-why = எதற்காக
easy-address = எங்கே
easy-phone = தொலைபேசி
easy-hours = எப்போது
easy-bring = தெரிந்துகொள்ள வேண்டியவை
easy-next = நீங்கள் செய்ய வேண்டியது
easy-free = இது இலவசம்.
easy-closing = உதவி வேண்டுமா? மீண்டும் எங்களிடம் வாருங்கள்.

## Opening hours in words

day-1 = திங்கட்கிழமை
day-2 = செவ்வாய்க்கிழமை
day-3 = புதன்கிழமை
day-4 = வியாழக்கிழமை
day-5 = வெள்ளிக்கிழமை
day-6 = சனிக்கிழமை
day-7 = ஞாயிற்றுக்கிழமை
# "முதல் … வரை" (from … until) leaves the day names as they are.
days-range = { $first } முதல் { $last } வரை
# Longer lists are "a, b மற்றும் c".
list-and = { $first } மற்றும் { $last }
every-day = ஒவ்வொரு நாளும்
holidays = பொது விடுமுறை நாட்கள்
# A time of day: 9:00, 14:30.
time = { $hour }:{ $minute }
time-span = { $from } – { $to }
# e.g. "திங்கட்கிழமை முதல் வெள்ளிக்கிழமை வரை, 9:00 – 12:00"
rule-open = { $days }, { $times }
rule-closed = { $days }: மூடப்பட்டிருக்கும்
always-open = எல்லா நாட்களிலும், இரவும் பகலும் திறந்திருக்கும்

## Each need in short words, for the easy-read sheet (codes of the questionnaire "diagnostic-numerique").
## Other languages also carry need-<code>: the full sentence, which French and English take from the
## questionnaire itself.

easy-need-demarche_accompagnee = உதவியுடன் உங்கள் படிவங்களை நிரப்ப.
easy-need-equipement = குறைந்த விலையில் தொலைபேசி அல்லது கணினி வாங்க.
easy-need-connexion = இணைய வசதி பெற.
easy-need-francais = பிரெஞ்சு மொழி கற்றுக்கொள்ள.
easy-need-accompagnement_individuel = ஒருவரின் உதவியுடன், தொலைபேசி அல்லது கணினி பயன்படுத்தக் கற்றுக்கொள்ள.
easy-need-atelier_fondamentaux = குழுவாக, தொலைபேசி அல்லது கணினி பயன்படுத்தக் கற்றுக்கொள்ள.
easy-need-demarches_en_ligne = இணையத்தில் படிவங்களை நிரப்பக் கற்றுக்கொள்ள.
easy-need-emploi = வேலை தேட.
easy-need-securite = இணைய மோசடிகளைத் தவிர்க்க.
easy-need-autonomie = தனியாகத் தொடர்ந்து கற்றுக்கொள்ள.

need-demarche_accompagnee = உங்கள் படிவத்தை இப்போதே நிரப்ப: ஒருவர் உங்களுக்கு உதவுவார், அல்லது உங்களுக்காக அதை நிரப்புவார்.
need-equipement = குறைந்த விலையில் தொலைபேசி அல்லது கணினி வாங்க. அதுவரை, இலவசமாகக் கணினி பயன்படுத்தக்கூடிய ஓர் இடத்தைக் கண்டறிய.
need-connexion = வீட்டிலோ உங்கள் தொலைபேசியிலோ, இணையத்தை எளிதாகப் பயன்படுத்த.
need-francais = உங்கள் வேகத்தில், பிரெஞ்சு மொழியைப் பேசவும் எழுதவும் கற்றுக்கொள்ள.
need-accompagnement_individuel = உங்கள் தொலைபேசியையோ கணினியையோ படிப்படியாகப் பயன்படுத்தக் கற்றுக்கொள்ள. ஒருவர் உங்களுக்கு மட்டும் உதவுவார்.
need-atelier_fondamentaux = மற்றவர்களுடன் சேர்ந்து, குழு வகுப்புகளில் உங்கள் தொலைபேசியையோ கணினியையோ பயன்படுத்தப் பழக.
need-demarches_en_ligne = இணையத்தில் உங்கள் படிவங்களை நிரப்பக் கற்றுக்கொள்ள: CAF (சமூக உதவித்தொகை), ameli (மருத்துவக் காப்பீடு), வரி… உங்கள் உரிமைகளைத் தெரிந்துகொள்ளவும்.
need-emploi = வேலை தேடுவதில் உங்களுக்கு உதவ: வேலை வாய்ப்புகள், CV, இணையத்தில் விண்ணப்பிப்பது.
need-securite = இணையத்தைப் பாதுகாப்பாகப் பயன்படுத்த: மோசடிகளைக் கண்டறியவும், உங்கள் கடவுச்சொற்களைப் பாதுகாக்கவும்.
need-autonomie = உங்கள் வேகத்தில் தொடர்ந்து கற்றுக்கொள்ள, Pix (pix.fr) அல்லது Les Bons Clics (lesbonsclics.fr) இணையதளங்களில் இலவசமாகப் பயிற்சி செய்யலாம்.
