# La console web du serveur Aiguillage, en français (la référence : en.ftl a les mêmes identifiants).

console-name = Aiguillage — console des coordinateurs
console-tagline = Centres, postes et chiffres de votre réseau
skip-to-content = Aller au contenu
switch-language = English
nav-label = Menu principal
footer = Aiguillage · les données restent sur ce serveur.
back-home = Revenir à l’accueil de la console
never = jamais

role-network = coordination du réseau
role-centre = coordination d’un centre
sign-out = Se déconnecter

nav-centres = Centres
nav-devices = Postes
nav-enrolment = Codes d’inscription
nav-reports = Chiffres
nav-publish = Publier
nav-quarantine = Envois à vérifier
nav-erasures = Effacements en attente
nav-audit = Journal

error-title = Page indisponible
refused-other-centre = Cette page concerne un autre centre que le vôtre : elle ne vous est pas accessible.
refused-network-only = Seule la coordination du réseau peut faire cela.
refused-not-found = Ce que vous cherchez n’existe pas ou plus.
refused-internal = Le serveur a rencontré un problème. Réessayez dans un moment ; si cela continue, prévenez la personne qui gère le serveur.
refused-csrf = Ce formulaire a expiré ou ne vient pas de la console. Rechargez la page et recommencez.
refused-form = Ce formulaire est incomplet. Rechargez la page et recommencez.

sign-in-title = Se connecter
sign-in-intro = Connectez-vous avec le nom et la phrase de passe que la personne qui gère le serveur vous a donnés.
sign-in-name = Nom du compte
sign-in-passphrase = Phrase de passe
sign-in-submit = Se connecter
sign-in-help = Phrase de passe oubliée ? La personne qui gère le serveur peut vous créer un nouveau compte.
sign-in-wrong = Le nom du compte ou la phrase de passe ne correspond pas.
sign-in-missing = Indiquez le nom du compte et la phrase de passe.
sign-in-expired = La page de connexion a expiré. Recommencez.
sign-in-wait = { $n ->
    [one] Trop d’essais manqués : attendez 1 minute avant de réessayer.
   *[other] Trop d’essais manqués : attendez { $n } minutes avant de réessayer.
}

centres-title = Centres
centres-intro = Les centres du réseau, leurs postes inscrits et leur dernière synchronisation.
centres-none = Aucun centre pour l’instant.
centres-count = { $n ->
    [one] 1 centre
   *[other] { $n } centres
}
centre-create-title = Ajouter un centre
centre-name = Nom du centre
centre-name-hint = Tel que les bénévoles le connaissent, par exemple « Espace solidarité Bellevue ».
centre-name-invalid = Le nom du centre doit avoir entre 1 et 150 caractères.
centre-create = Ajouter le centre
centre-created = Le centre « { $name } » a été ajouté.
see-figures = Voir les chiffres

col-centre = Centre
col-active-devices = Postes actifs
col-revoked-devices = Postes retirés
col-last-sync = Dernière synchronisation
col-actions = Actions
col-device = Poste
col-enrolled = Inscrit le
col-state = État
col-received = Reçue le
col-seq = N° d’opération
col-reason = Raison
col-erased = Effacé le
col-record = Fiche
col-when = Quand
col-who = Qui
col-what = Quoi
col-about = Sur

devices-title = Postes
devices-intro = Les ordinateurs des bénévoles inscrits auprès du serveur.
devices-none = Aucun poste inscrit pour l’instant. Créez un code d’inscription pour en ajouter un.
devices-count = { $n ->
    [one] 1 poste
   *[other] { $n } postes
}
device-active = actif
device-revoked-on = retiré le { $when }
device-revoke = Retirer l’accès
device-revoked = Le poste « { $name } » n’a plus accès au serveur. Ses fiches restent sur l’ordinateur et peuvent être apportées par fichier.
devices-revoke-hint = Retirez l’accès d’un poste perdu, volé ou qui ne sert plus : il ne pourra plus se synchroniser.

enrolment-title = Codes d’inscription
enrolment-intro = Un code permet d’inscrire un ordinateur de bénévole auprès du serveur. Chaque code ne sert qu’une fois.
field-centre = Centre
choose-centre = Choisissez un centre
enrolment-count = Nombre de codes
enrolment-count-hint = Un code par ordinateur à inscrire (50 au plus).
enrolment-hours = Durée de validité, en heures
enrolment-hours-hint = 24 heures par défaut, une semaine (168 heures) au plus.
enrolment-submit = Créer les codes
enrolment-centre-missing = Choisissez le centre des ordinateurs à inscrire.
enrolment-count-invalid = Indiquez un nombre de codes entre 1 et { $n }.
enrolment-hours-invalid = Indiquez une durée entre 1 et { $n } heures.
enrolment-made = Codes pour « { $centre } »
enrolment-valid-until = Valables jusqu’au { $when }, une seule fois chacun.
enrolment-qr-label = Code QR du code d’inscription { $code }

quarantine-title = Envois à vérifier
quarantine-intro = Quand un ordinateur envoie une fiche qui ne correspond pas à celle déjà reçue, elle est mise de côté ici en attendant votre décision. Rien n’est perdu.
quarantine-none = Rien à vérifier pour le moment.
quarantine-count = { $n ->
    [one] 1 envoi mis de côté
   *[other] { $n } envois mis de côté
}

erasures-title = Effacements en attente
erasures-intro = Les fiches effacées à la demande de la personne et que certains postes n’ont pas encore effacées : ils le feront à leur prochaine synchronisation.
erasures-none = Aucun effacement en attente : tous les postes sont à jour.
erasures-count = { $n ->
    [one] 1 effacement en attente
   *[other] { $n } effacements en attente
}

audit-title = Journal
audit-intro = Ce qui a été fait sur le serveur, par qui et quand (les 300 dernières actions). Le journal ne contient aucune donnée sur les personnes.
audit-none = Le journal est vide.
audit-count = { $n ->
    [one] 1 action
   *[other] { $n } actions
}
actor-console = { $name } (console)
actor-admin = Personne qui gère le serveur
actor-retention = Serveur (automatique)
action-sign-in = Connexion
action-sign-in-refused = Connexion refusée
action-sign-out = Déconnexion
action-account-create = Compte créé
action-centre-create = Centre ajouté
action-enrolment-code-create = Code d’inscription créé
action-enrol = Poste inscrit
action-revoke = Accès d’un poste retiré
action-push = Fiches reçues d’un poste
action-quarantine = Envoi mis en quarantaine
action-erase = Fiche effacée
action-export = Export des fiches
action-export-figures-csv = Export des chiffres (tableur)
action-export-figures-json = Export des chiffres (JSON)
action-publish-questionnaire = Questionnaire publié
action-publish-directory = Annuaire publié
action-publish-retention = Durées de conservation envoyées
action-bundle-import = Fichier d’un poste importé

reports-title = Chiffres
reports-from = Du
reports-to = Au
date-hint = Laissez vide pour ne pas limiter la période.
all-centres = Tous les centres
reports-show = Afficher les chiffres
reports-summary = En bref
reports-anonymous = dont anonymes (comptés, sans fiche gardée)
reports-per-centre = Par centre
reports-export-csv = Télécharger pour un tableur (CSV)
reports-export-json = Télécharger pour un logiciel (JSON)
reports-none = Aucun diagnostic sur cette période.
reports-section-empty = Rien sur cette période.
reports-per-week = Par semaine
reports-profiles = Par profil
reports-needs = Par besoin
reports-flags = Points d’attention
reports-follow-up = Suivi des orientations
reports-date-invalid = Cette date n’est pas valide : choisissez-la dans le calendrier.
reports-period-reversed = La fin de la période est avant son début.
follow-up-pending = pas encore renseigné
follow-up-went = y est allé·e
follow-up-did_not_go = n’y est pas allé·e
follow-up-unknown = ne sait pas
csv-section = Rubrique
csv-code = Code
csv-label = Libellé
csv-count = Nombre
csv-centre = Centre

publish-title = Publier
publish-directory-title = L’annuaire d’un centre
publish-directory-intro = Les structures et services vers lesquels les bénévoles orientent, au format data·inclusion. Les postes du centre les recevront à leur prochaine synchronisation.
publish-structures = Fichier des structures (structures.json)
publish-structures-hint = Un fichier JSON exporté de data·inclusion.
publish-services = Fichier des services (services.json)
publish-services-hint = Le fichier des services du même export.
publish-directory-submit = Publier l’annuaire
publish-centre-missing = Choisissez le centre qui recevra l’annuaire.
publish-file-missing = Choisissez un fichier.
publish-not-text = Ce fichier n’est pas un fichier texte JSON.
publish-directory-invalid = Ce fichier ne peut pas être publié : { $why }.
publish-directory-done = Annuaire publié : { $published } service(s) envoyé(s) aux postes, { $rejected } ligne(s) écartée(s).
publish-rejected-rows = Voir les lignes écartées
publish-questionnaire-title = Nouvelle version du questionnaire
publish-questionnaire-intro = Une nouvelle version du questionnaire pour tous les postes du réseau. Elle est vérifiée avant d’être envoyée.
publish-questionnaire-file = Fichier du questionnaire (JSON)
publish-questionnaire-hint = Le fichier fourni avec la nouvelle version.
publish-questionnaire-submit = Publier le questionnaire
publish-questionnaire-invalid = Ce questionnaire ne peut pas être publié : { $why }.
publish-questionnaire-done = Questionnaire { $version } publié : les postes le recevront à leur prochaine synchronisation.
action-retention = Durées de conservation appliquées : { $anonymised } anonymisé(s), { $deleted } supprimé(s)
actor-device = Un poste
error-forbidden-title = Accès non autorisé
error-not-found-title = Introuvable
error-refused-title = Demande refusée
console-tagline-centre = Votre centre, ses postes et ses chiffres
centres-intro-centre = Votre centre, ses postes inscrits et leur dernière synchronisation.
audit-device = Poste « { $name } » ({ $centre })
audit-questionnaire = Questionnaire, version { $version }
audit-record = Fiche n° { $number }…
quarantine-reason-conflict = Ne correspond pas à la fiche déjà reçue de ce poste
enrolment-print-now = Notez ou imprimez ces codes maintenant : ils ne seront plus affichés.
enrolment-where = Sur l’ordinateur du bénévole, dans Aiguillage : Réglages, puis « Relier cet ordinateur au serveur ». Tapez l’adresse du serveur et un des codes ci-dessous.
enrolment-address = Adresse du serveur :
revoke-title = Retirer l’accès d’un poste
revoke-question = Retirer l’accès du poste « { $name } » ?
revoke-consequence = Il ne pourra plus envoyer ni recevoir de fiches. Ses fiches restent sur l’ordinateur et peuvent être apportées par fichier. Pour le réutiliser, il faudra l’inscrire à nouveau avec un code.
revoke-confirm = Oui, retirer l’accès
revoke-cancel = Annuler
reports-total-lower = diagnostics
col-diagnostics = Diagnostics
col-anonymous = Dont anonymes
reports-follow-up-note = Les diagnostics anonymes n’ont pas de suivi : ils ne sont comptés qu’au total.
col-week = Semaine
col-profile = Profil
col-need = Besoin
col-flag = Point d’attention
col-follow-up = Suivi
week = du { $from } au { $to }
publish-directory-where = Ces fichiers s’obtiennent en exportant les structures et services de votre territoire depuis data·inclusion, le référentiel national des lieux d’inclusion ; la personne qui gère le serveur peut vous les fournir.
actor-console-unknown = Nom inconnu (console)
