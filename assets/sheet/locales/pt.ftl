# The handoff sheet's fixed texts, in Portuguese (neutral between Portugal and Brazil).

language-name = Português

## The sheet

sheet-title = Ficha de encaminhamento
intro = Aqui estão os lugares onde pode encontrar ajuda. Guarde esta ficha e mostre-a quando for lá.
label-date = Data
label-for = Para
no-orientation = Ainda não foi escolhido nenhum lugar.
label-why = Motivo para ir lá
free = É gratuito.
label-next = O que fazer depois
next-call = Ligue antes de ir.
next-visit = Vá lá com esta ficha.
next-email = Envie um e-mail.
next-link = Marque um atendimento pela internet, com o link ou o código QR.
next-referral = Um profissional deve falar com eles no seu lugar: peça isso à pessoa que lhe dá apoio.
section-contact = Como falar com eles
label-phone = Telefone
label-email = E-mail
label-appointment = Marcar atendimento pela internet
label-website = Site
qr-caption-appointment = Para marcar um atendimento pela internet, aponte um telefone para este código, como para tirar uma foto.
qr-caption-website = Para ver a página deles na internet, aponte um telefone para este código, como para tirar uma foto.
section-go = Como chegar
label-address = Endereço
label-hours = Horário
label-access = Informações úteis e o que levar
label-centre = Ficha entregue por
label-centre-phone = Telefone do centro de acolhimento
closing = Pode voltar aqui se precisar de ajuda.
page-number = Página { $page } de { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Onde encontrar ajuda
easy-intro = Guarde esta ficha.
easy-why = Para quê
easy-address = Onde
easy-phone = Telefone
easy-hours = Quando
easy-bring = Informações úteis
easy-next = O que fazer
easy-free = É gratuito.
easy-closing = Precisa de ajuda? Volte aqui.

## Opening hours in words

day-1 = segunda-feira
day-2 = terça-feira
day-3 = quarta-feira
day-4 = quinta-feira
day-5 = sexta-feira
day-6 = sábado
day-7 = domingo
# e.g. "de segunda-feira a sexta-feira"
days-range = de { $first } a { $last }
# e.g. "segunda-feira e quinta-feira"; longer lists are "a, b e c".
list-and = { $first } e { $last }
every-day = todos os dias
holidays = feriados
# A time of day: 9h, 12h30.
time = { $minutes ->
    [none] { $hour }h
   *[some] { $hour }h{ $minute }
}
# A dash, to avoid "das/às" agreement problems (e.g. "da 1h").
time-span = { $from } – { $to }
# e.g. "de segunda-feira a sexta-feira, 9h – 12h"
rule-open = { $days }, { $times }
rule-closed = { $days }: fechado
always-open = aberto todos os dias, dia e noite

## Each need in short words, for the easy-read sheet (codes of the questionnaire "diagnostic-numerique").
## Other languages also carry need-<code>: the full sentence, which French and English take from the
## questionnaire itself.

easy-need-demarche_accompagnee = Para tratar dos seus documentos com ajuda.
easy-need-equipement = Para ter um telefone ou um computador barato.
easy-need-connexion = Para ter internet.
easy-need-francais = Para aprender francês.
easy-need-accompagnement_individuel = Para aprender a usar o telefone ou o computador, com uma pessoa.
easy-need-atelier_fondamentaux = Para aprender a usar o telefone ou o computador, em grupo.
easy-need-demarches_en_ligne = Para aprender a tratar dos seus documentos pela internet.
easy-need-emploi = Para procurar emprego.
easy-need-securite = Para evitar fraudes na internet.
easy-need-autonomie = Para continuar a aprender por conta própria.

need-demarche_accompagnee = Para tratar dos seus documentos agora mesmo: uma pessoa ajuda, ou faz isso no seu lugar.
need-equipement = Para ter um telefone ou um computador a preço baixo. E, enquanto isso, um lugar onde usar um computador de graça.
need-connexion = Para ter acesso à internet mais facilmente, em casa ou no seu telefone.
need-francais = Para melhorar o seu francês, falado e escrito, ao seu ritmo.
need-accompagnement_individuel = Para aprender a usar o seu telefone ou o seu computador passo a passo, em aulas individuais.
need-atelier_fondamentaux = Para aprender a usar o seu telefone ou o seu computador, em aulas com outras pessoas.
need-demarches_en_ligne = Para aprender a tratar dos seus documentos pela internet: CAF (ajudas sociais), ameli (saúde), impostos… E para conhecer os seus direitos.
need-emploi = Para ter ajuda na procura de emprego: ofertas, currículo e candidaturas pela internet.
need-securite = Para usar a internet com segurança: reconhecer as fraudes e proteger as suas senhas.
need-autonomie = Para continuar a aprender ao seu ritmo, pode praticar de graça nos sites Pix (pix.fr) ou Les Bons Clics (lesbonsclics.fr).
