# Mesajele rapoartelor Rapport, în română.
# Numerele sosesc deja scrise pentru limbă ($now, $before, $pct);
# un număr de elemente sosește ca număr pentru plural ($rows) și ca text ($rows-text).
# Pluralul românesc: one (1), few (0, 2–19 și …01–…19), other (20 și peste: „de”).

## Titluri

title-monthly = Raport lunar despre clienți
title-quarterly = Raport trimestrial despre clienți
section-summary = Pe scurt
section-kpis = Indicatorii principali
section-findings = Ce a mers bine și ce cere atenție
section-trends = Evoluție
section-breakdowns = Defalcări
section-funnel = Pâlnia de conversie
section-cohorts = Cohorte
section-forecast = Prognoză
section-predictions = Perspective
section-actions = Acțiuni recomandate
section-data_quality = Calitatea datelor
section-triangulation = Surse comparate
section-feedback = Părerea dumneavoastră
section-glossary = Glosar
findings-went-well = Ce a mers bine
findings-needs-attention = Ce cere atenție
label-contents = Cuprins
label-prepared-by = Întocmit de { $agency }
label-prepared-for = Pentru { $client }
label-made-with-rapport = Realizat cu Rapport
label-as-of = Date la { $date }
label-period = Perioada
label-previous = Perioada anterioară
label-compared = Comparat cu
label-year-ago = Cu un an în urmă
label-target = Țintă
label-benchmark = Reper
label-interval = Interval de 95 %
label-based-on = Pe baza a { $n-text } { $n ->
    [one] înregistrare
    [few] înregistrări
   *[other] de înregistrări
  }
label-customer = Client
label-clv = Valoarea pe durata relației
label-p-alive = Șansa de a fi încă activ
label-repeat-orders = Comenzi repetate
label-call-list = Clienții care merită sunați
label-source = Sursa
label-last-loaded = Ultima încărcare
label-rows = Rânduri încărcate
label-quarantined = În carantină
label-reason = Motiv
label-example = Exemplu
label-missing = Nemăsurat
label-because = Din cauza
label-rule = Regula
text-pair = { $first } · { $second }
# Two clauses of one sentence, joined by the language's semicolon.
text-clauses = { $first }; { $second }
# A value under its label, as a chart's text alternative lists them.
text-labelled = { $label }: { $value }
action-basis = Din cauza: { $metrics } · Regula: { $rule }
label-page = Pagina
label-report-id = Raportul { $id }
label-report-run = Raportul { $run } ({ $id })
label-notice = Atenție
label-status-good = Vești bune
label-status-bad = Cere atenție
label-status-neutral = Nicio schimbare clară
chart-this-year = Anul acesta
chart-year-before = Anul anterior
chart-report-period = Perioada raportului
month-short-1 = ian.
month-short-2 = feb.
month-short-3 = mar.
month-short-4 = apr.
month-short-5 = mai
month-short-6 = iun.
month-short-7 = iul.
month-short-8 = aug.
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = dec.
chart-forecast = Prognoză
chart-observed = Realizat
chart-interval-80 = Interval de 80 %
chart-interval-95 = Interval de 95 %
chart-months-since-first = { $activity ->
    [subscriptions] Luni de la primul abonament
   *[orders] Luni de la prima achiziție
}
chart-average = Media
label-unavailable = Neafișat
label-annotations = Ce s-a întâmplat (numerotat pe grafice)
label-tolerance = Toleranță
label-gap = Diferență
label-flagged = Peste toleranță
label-within = În toleranță
label-likely-causes = Cauze probabile

## Valori și tonuri

value-none = n/d
tone-no-comparison = Fără comparație
tone-unchanged = Neschimbat
tone-not-significant = Nicio schimbare semnificativă
tone-better-significant = Mai bine (semnificativ)
tone-worse-significant = Mai rău (semnificativ)
tone-better-untested = Mai bine (fără test aplicabil)
tone-worse-untested = Mai rău (fără test aplicabil)
tone-up = În creștere
tone-down = În scădere
tone-up-untested = În creștere (fără test aplicabil)
tone-down-untested = În scădere (fără test aplicabil)
target-met = Ținta { $target }: atinsă
target-missed = Ținta { $target }: neatinsă
target-set = Ținta { $target }
benchmark-better = Peste reperul de { $benchmark } ({ $source })
benchmark-worse = Sub reperul de { $benchmark } ({ $source })
benchmark-level = La nivelul reperului de { $benchmark } ({ $source })
unit-percent = %
unit-points = puncte
unit-count = număr
unit-ratio = raport
unit-score = scor
unit-seconds = timp

## Constatări

finding-rose-significant = { $metric } a crescut de la { $before } în { $period } la { $now } (semnificativ, { $p }).
finding-fell-significant = { $metric } a scăzut de la { $before } în { $period } la { $now } (semnificativ, { $p }).
finding-rose-untested = { $metric } a crescut cu { $pct } %, de la { $before } în { $period } la { $now } (nu se aplică un test de semnificație).
finding-fell-untested = { $metric } a scăzut cu { $pct } %, de la { $before } în { $period } la { $now } (nu se aplică un test de semnificație).
finding-with-why = { $finding } { $why }
finding-target-met = { $metric } este { $now } și își atinge ținta de { $target }.
finding-target-missed = { $metric } este { $now }, sub ținta de { $target }.
finding-benchmark-better = { $metric } este { $now }, peste reperul de { $benchmark } ({ $source }).
finding-benchmark-worse = { $metric } este { $now }, sub reperul de { $benchmark } ({ $source }).
findings-none-well = Nimic nu s-a îmbunătățit clar în această perioadă: niciun indicator nu a crescut semnificativ și nicio țintă nu a fost atinsă.
findings-none-attention = Nimic nu cere atenție urgentă: niciun indicator nu s-a înrăutățit semnificativ și nicio țintă nu a fost ratată.
finding-why-repeat_purchase_rate-worse = Mai puțini clienți au revenit să cumpere din nou.
finding-why-repeat_purchase_rate-better = Mai mulți clienți au revenit să cumpere din nou.
finding-why-churn_rate-worse = Mai mulți clienți au încetat să cumpere.
finding-why-churn_rate-better = Mai puțini clienți au încetat să cumpere.
finding-why-nps-worse = Mai puțini clienți ar recomanda afacerea.
finding-why-nps-better = Mai mulți clienți ar recomanda afacerea.
finding-why-csat-worse = Mai puțini clienți au fost mulțumiți de experiența lor.
finding-why-csat-better = Mai mulți clienți au fost mulțumiți de experiența lor.
finding-why-conversion_rate-worse = Mai puține vizite s-au încheiat cu o achiziție.
finding-why-conversion_rate-better = Mai multe vizite s-au încheiat cu o achiziție.
finding-why-active_customers-worse = Baza de clienți s-a micșorat.
finding-why-active_customers-better = Baza de clienți a crescut.
finding-why-aov-worse = Clienții au cheltuit mai puțin pe comandă.
finding-why-aov-better = Clienții au cheltuit mai mult pe comandă.
finding-why-cart_abandonment_rate-worse = Mai mulți cumpărători și-au abandonat coșul.
finding-why-cart_abandonment_rate-better = Mai puțini cumpărători și-au abandonat coșul.

## Evoluție

trend-title = { $metric } pe luni ({ $unit })
trend-alt = Grafic liniar al indicatorului { $metric } pe luni, de la { $from } la { $to }, cu aceleași luni de acum un an: { $values }.

## Grafice

chart-unavailable = { $chart }: { $reason }
chart-no-groups = niciun grup nu are o valoare în perioadă
bars-alt = Grafic cu bare, { $title }: { $values }.
breakdown-title = { $metric } după { $by }
breakdown-caption = În { $period }, { $top } conduce cu { $value }.
funnel-title = Pâlnia de conversie
funnel-chart-title = Vizitatori la fiecare pas, { $period }
funnel-no-events = niciun eveniment `{ $step }` în perioadă
funnel-first-step = { $event }: { $count }
funnel-step = { $event }: { $count } ({ $share } din pasul anterior)
funnel-sentence = Din cei { $first } vizitatori de la primul pas, { $last } au ajuns la ultimul ({ $share }); pasul care reține cei mai puțini este { $worst }, la care ajung { $kept } din pasul anterior.
cohorts-title = Harta cohortelor
cohorts-chart-title = Clienți încă activi, după luna primei { $activity } (%)
cohorts-alt = Hartă termică a { $cohorts-text } cohorte lunare: ponderea celor încă activi în fiecare lună de după prima. { $sentence }
cohorts-sentence = În medie, pe { $cohorts-text } cohorte, { $month1 } dintre clienții noi sunt din nou activi la o lună după prima lor lună și { $month3 } după trei luni.
forecast-title = Prognoza
forecast-metric-revenue = Venituri
forecast-metric-orders = Comenzi
forecast-metric-buyers = Cumpărători
forecast-chart-title = { $metric } pe luni, cu prognoza ({ $unit })
forecast-alt = Grafic liniar al indicatorului { $metric } pe luni și prognoza sa, cu intervale de 80 % și 95 %. { $sentence }
forecast-sentence = Pentru { $period }, { $metric } sunt estimate la { $value }, cel mai probabil (80 %) între { $low } și { $high }.
forecast-model = Modelul ({ $model }) a fost ales dintre formele de netezire exponențială după cât de bine descrie { $months-text } luni de istoric; cu cât mai departe în viitor, cu atât intervalul e mai larg.
clv-distribution-title = Clienți după valoarea pe durata relației
clv-distribution-caption = Valoarea pe durata relației a celor { $customers-text } clienți cunoscuți de modelul de achiziții: cât se așteaptă să cheltuiască fiecare de acum încolo.
risk-distribution-title = Clienți după șansa de a fi încă activi
risk-distribution-caption = Clienții sub 30 % probabil nu mai cumpără; cei între 30 % și 70 % sunt în risc.

## Predicții

model-purchase = Modelul de achiziții
model-retention = Curba de retenție
predict-orders = În { $period }, modelul de achiziții estimează { $orders } comenzi în valoare de { $revenue } de la cei { $customers-text } clienți văzuți până acum.
predict-backtest = Calibrat pe datele de dinainte de { $period }, același model a { $direction } comenzile acelei perioade cu { $error } %: citiți perspectivele cu această marjă.
predict-over = supraestimat
predict-under = subestimat
predict-no-backtest = Modelul nu a putut fi verificat pe o perioadă trecută, așa că tratați perspectivele ca pe o estimare aproximativă.
predict-at-risk = { $customers-text } { $customers ->
    [one] client are
    [few] clienți au
   *[other] de clienți au
  } sub 30 % șanse să mai fie activi.
predict-call-list = { $customers ->
    [one] Clientul de mai jos a cumpărat
    [few] Cei { $customers-text } clienți de mai jos au cumpărat
   *[other] Cei { $customers-text } de clienți de mai jos au cumpărat
  } cel mai mult, dar s-ar putea să fi încetat să cumpere: un telefon acum îi poate păstra.
predict-call-list-empty = Niciun client valoros nu are un risc mare să fi încetat să cumpere.
predict-retention = Curba de retenție, calibrată pe { $cohorts-text } cohorte lunare de abonați, estimează că { $month1 } dintre abonații noi rămân după prima lună și { $month12 } după un an.
predict-mean-churn = În medie, { $churn } dintre abonați renunță în fiecare lună.
predict-unavailable = { $model } nu a dat un rezultat: { $reason }
predict-reason-degenerate = datele nu permit estimarea parametrilor (prea puțini clienți cumpără din nou sau toți cumpără la fel)
predict-reason-not-converged = estimarea nu a ajuns la un rezultat stabil

## Note

notice-incomplete = { $period } nu se încheiase la { $as_of }: cifrele sunt parțiale și se vor schimba.
notice-stale = { $source } a fost încărcat ultima dată la { $loaded }, înainte de sfârșitul perioadei { $period }: cifrele pot fi incomplete.

## Calitatea datelor

entity-customers = Clienți
entity-orders = Comenzi
entity-order_items = Linii de comandă
entity-subscriptions = Abonamente
entity-survey_responses = Răspunsuri la chestionare
entity-support_tickets = Tichete de suport
entity-web_events = Evenimente pe site
entity-marketing_spend = Buget de publicitate
entity-email_campaigns = Campanii de e-mail
entity-email_activity = Activitate e-mail
entity-social_posts = Postări pe rețele sociale
entity-annotations = Adnotări
entity-targets = Ținte
entity-exchange_rates = Cursuri de schimb

dq-source = { $source }: ultima încărcare { $loaded }, { $rows-text } { $rows ->
    [one] rând păstrat
    [few] rânduri păstrate
   *[other] de rânduri păstrate
  }, { $quarantined-text } în carantină.
dq-source-stale = { $source }: ultima încărcare { $loaded }, înainte de sfârșitul perioadei; { $rows-text } { $rows ->
    [one] rând păstrat
    [few] rânduri păstrate
   *[other] de rânduri păstrate
  }, { $quarantined-text } în carantină.
dq-no-data = fără date

# Ce cere o regulă de carantină (codurile regulilor de import), în tabelul calității datelor.
rule-type = nu are tipul coloanei
rule-required = o valoare obligatorie lipsește
rule-time_order = o dată anterioară datei după care trebuie să vină
rule-survey_scale = o scală de sondaj imposibilă
rule-out_of_scale = un scor în afara scalei sondajului
rule-malformed_row = o linie pe care formatul fișierului nu o poate citi
rule-key_conflict = o înregistrare încărcată anterior cu alte valori
rule-non_negative = o sumă sau un număr negativ
rule-positive = o valoare care trebuie să fie peste zero
rule-allowed_values = nu este una dintre valorile permise
rule-currency_code = nu este un cod de monedă din trei litere
rule-plausible_year = un an neplauzibil
rule-period_label = nu este o etichetă de perioadă
rule-parent_quarantined = comanda sa (rândul căruia îi aparține) a fost pusă în carantină
dq-none-quarantined = Toate rândurile încărcate au trecut verificările; niciunul nu este în carantină.
dq-quarantined = { $rows-text } { $rows ->
    [one] rând nu a trecut o verificare și este pus
    [few] rânduri nu au trecut o verificare și sunt puse
   *[other] de rânduri nu au trecut o verificare și sunt puse
  } în carantină, fără a fi numărate: motivele cele mai frecvente sunt mai jos.
dq-metrics-with-data = { $with-text } din { $all-text } indicatori au date pentru această perioadă.

## Acțiuni

action-retention_fell = { $metric } s-a înrăutățit: aflați ce clienți au încetat să cumpere și recâștigați-i cu o ofertă personală.
action-retention_fell-call = { $metric } s-a înrăutățit: sunați mai întâi { $customers ->
    [one] clientul
    [few] cei { $customers-text } clienți
   *[other] cei { $customers-text } de clienți
  } de pe lista de apeluri, cei mai valoroși dintre cei în risc.
action-satisfaction_fell = { $metric } s-a înrăutățit: citiți ce au scris clienții nemulțumiți în această perioadă și rezolvați cea mai frecventă nemulțumire.
action-conversion_fell = { $metric } s-a înrăutățit: verificați pasul din site la care pleacă cei mai mulți vizitatori și testați o variantă mai simplă.
action-revenue_fell = { $metric } s-a înrăutățit: verificați ce canal sau produs a scăzut și dacă s-au schimbat prețurile sau promoțiile.
action-marketing_fell = { $metric } s-a înrăutățit: mutați bugetul de la campaniile cu cel mai slab randament la cele mai bune.
action-service_fell = { $metric } s-a înrăutățit: căutați în coada de suport cazurile care au durat cel mai mult și aflați de ce.
action-metric_fell = { $metric } s-a înrăutățit: analizați ce s-a schimbat în această perioadă.
action-target_missed = { $metric } și-a ratat ținta: stabiliți un plan și un termen pentru a o atinge.
action-call_list = Sunați { $customers ->
    [one] clientul
    [few] cei { $customers-text } clienți
   *[other] cei { $customers-text } de clienți
  } de pe lista de apeluri înainte să se piardă.
action-stale_source = Încărcați din nou { $source }: ultima încărcare a fost la { $loaded }, înainte de sfârșitul perioadei.
action-quarantine = Corectați { $rows ->
    [one] rândul aflat
    [few] cele { $rows-text } rânduri aflate
   *[other] cele { $rows-text } de rânduri aflate
  } în carantină (cele mai multe în { $source }, coloana { $column }) și încărcați-le din nou.

## Triangulare

tri-quantity-revenue_orders_web = Venituri: comenzi față de achizițiile din site
tri-quantity-revenue_orders_ads = Venituri: comenzi față de platformele de publicitate
tri-quantity-orders_purchase_events = Comenzi față de evenimentele de achiziție din site
tri-quantity-email_clicks_sessions = Clicuri din e-mail față de vizitele din e-mail
tri-quantity-surveys_tickets = Răspunsuri la chestionarul de suport față de tichete rezolvate
tri-quantity-new_customers = Clienți noi: lista de clienți față de primele comenzi
tri-order-revenue = veniturile din comenzile finalizate
tri-web-revenue = veniturile din achizițiile pe site
tri-ad-value = valoarea conversiilor raportată de platformele de publicitate
tri-orders = comenzile finalizate
tri-purchase-events = evenimentele de achiziție din site
tri-email-clicks = clicurile din e-mail
tri-email-sessions = vizitele pe site venite din e-mail
tri-support-answers = răspunsurile la chestionarul de după suport
tri-tickets-resolved = tichetele rezolvate
tri-customers-created = clienții adăugați în lista de clienți
tri-first-orders = clienții cu prima comandă
tri-equal-ok = Între { $a } ({ $a_value }) și { $b } ({ $b_value }) diferența este de { $gap }, în toleranța de { $tolerance }.
tri-equal-flagged = Între { $a } ({ $a_value }) și { $b } ({ $b_value }) diferența este de { $gap }, peste toleranța de { $tolerance }.
tri-at-most-ok = { $a } ({ $a_value }) reprezintă { $share } din { $b } ({ $b_value }), cum era de așteptat: nu răspunde orice client.
tri-at-most-flagged = { $a } ({ $a_value }) depășesc { $b } ({ $b_value }) cu { $gap }, ceea ce nu ar trebui să se întâmple dacă chestionarele urmează tichetelor.
tri-cause-revenue_orders_web-1 = Comenzile rambursate și anulate lipsesc din comenzi, dar pot rămâne în achizițiile din site.
tri-cause-revenue_orders_web-2 = Comenzile telefonice, din marketplace sau din magazin nu ajung niciodată în măsurătorile site-ului.
tri-cause-revenue_orders_web-3 = Blocantele de reclame și refuzul cookie-urilor ascund achiziții din site.
tri-cause-revenue_orders_web-4 = Fusurile orare diferite mută comenzile din jurul miezului nopții în altă zi.
tri-cause-revenue_orders_ads-1 = Platformele de publicitate numără o achiziție în fereastra lor de atribuire (adesea 7 zile după un clic, o zi după o afișare), iar fiecare platformă revendică aceeași achiziție.
tri-cause-revenue_orders_ads-2 = Platformele de publicitate raportează valoarea înainte de rambursări și pot include TVA și transportul.
tri-cause-revenue_orders_ads-3 = Comenzile care nu au venit dintr-o reclamă apar doar în comenzi.
tri-cause-orders_purchase_events-1 = Comenzile plasate în afara site-ului sau cu măsurarea blocată nu au eveniment de achiziție.
tri-cause-orders_purchase_events-2 = O pagină de confirmare reîncărcată trimite evenimentul de achiziție de două ori.
tri-cause-orders_purchase_events-3 = Traficul de boți și de test poate crea evenimente de achiziție.
tri-cause-email_clicks_sessions-1 = Un clic poate deschide mai multe vizite, iar vizitele dintr-un e-mail redirecționat nu au clic.
tri-cause-email_clicks_sessions-2 = Linkurile fără etichete UTM sunt numărate ca trafic direct, nu ca e-mail.
tri-cause-email_clicks_sessions-3 = Scanerele de securitate ale companiei destinatarului dau clic automat pe linkuri.
tri-cause-surveys_tickets-1 = S-au trimis mai multe chestionare pentru un tichet sau chestionare pentru cazuri care nu sunt în exportul de tichete.
tri-cause-surveys_tickets-2 = Punctul de contact al chestionarului este setat pe suport pentru răspunsuri care nu privesc un tichet.
tri-cause-new_customers-1 = Clienții care își fac cont fără să cumpere apar doar în lista de clienți.
tri-cause-new_customers-2 = Comenzile fără cont cumpără fără să intre în lista de clienți.
tri-cause-new_customers-3 = Un client importat dintr-un sistem mai vechi își păstrează data de înscriere inițială.
action-triangulation = { $quantity } nu se potrivesc: verificați { $a } față de { $b }. { $cause }

## Feedback

feedback-recorded = Feedbackul { $id } la raportul { $run } ({ $period }) a fost înregistrat: { $rating } din 5. Următorul raport al clientului îi răspunde.
feedback-answered = răspuns în raportul { $run }
feedback-unanswered = încă fără răspuns
feedback-link = Spuneți-ne ce credeți despre acest raport și ce ar trebui să arate următorul:
feedback-answer = Ați evaluat raportul pentru { $period } cu { $rating } din 5. Vă mulțumim: spuneți-ne ce ar face următorul raport mai util.
feedback-answer-comment = Despre raportul pentru { $period } ați scris: „{ $comment }” (notă: { $rating } din 5). L-am citit, iar acest raport a fost făcut ținând cont de el; răspundeți-ne dacă tot lipsește ceva de care aveți nevoie.

## Pe scurt

summary-overview = Din { $kpis-text } { $kpis ->
    [one] indicator principal
    [few] indicatori principali
   *[other] de indicatori principali
  }, { $better-text } au evoluat în direcția bună și { $worse-text } în direcția greșită față de { $period }.
summary-overview-none = Niciunul dintre cei { $kpis-text } { $kpis ->
    [one] indicator principal
    [few] indicatori principali
   *[other] de indicatori principali
  } nu s-a schimbat clar față de { $period }: nicio schimbare nu a fost semnificativă și niciuna netestată nu a atins 10 %.
summary-best = { $scope ->
    [other] În afara indicatorilor principali, cea mai bună veste
   *[headline] Cea mai bună veste
  }: { $finding }
summary-worst = { $scope ->
    [other] În afara indicatorilor principali, principala problemă
   *[headline] Principala problemă
  }: { $finding }
summary-certainty = O schimbare este numită semnificativă doar când un test statistic o confirmă la nivelul de 95 %; celelalte schimbări pot fi întâmplătoare.
summary-certainty-backtest = O schimbare este numită semnificativă doar când un test statistic o confirmă la nivelul de 95 %; modelul din perspective a greșit cu { $error } % când a fost verificat pe această perioadă.
summary-quality = { $rows-text } { $rows ->
    [one] rând a fost pus
    [few] rânduri au fost puse
   *[other] de rânduri au fost puse
  } în carantină, iar { $missing-text } { $missing ->
    [one] indicator principal nu are
    [few] indicatori principali nu au
   *[other] de indicatori principali nu au
  } date; vedeți Calitatea datelor.

## Glosar

term-significant = Semnificativ
term-significant-meaning = Un test statistic arată că schimbarea este puțin probabil să fie întâmplătoare (la nivelul de 95 %); „p” este probabilitatea ca o schimbare atât de mare să apară doar din întâmplare.
term-interval = Interval de 95 %
term-interval-meaning = Intervalul în care se află valoarea reală cu o încredere de 95 %, ținând cont de câți clienți au răspuns sau au cumpărat.
term-percentage-point = Punct procentual
term-percentage-point-meaning = Diferența dintre două procente: de la 20 % la 22 % sunt 2 puncte procentuale (o creștere de 10 %).
term-untested = Fără test aplicabil
term-untested-meaning = Un total, cum sunt veniturile, numără tot, nu un eșantion, așa că niciun test nu poate spune dacă schimbarea depășește variația obișnuită; Rapport numește o astfel de schimbare doar de la 10 % în sus.
term-nps = Net Promoter Score (NPS)
term-nps-meaning = Ponderea clienților care ar recomanda afacerea (9–10 din 10) minus ponderea celor care nu ar recomanda-o (0–6), de la −100 la 100.
term-csat = Satisfacția clienților (CSAT)
term-csat-meaning = Ponderea clienților care și-au notat experiența cu 4 sau 5 din 5.
term-ces = Scorul de efort al clientului (CES)
term-ces-meaning = Cât de ușor le-a fost clienților să obțină ce aveau nevoie, în medie; mai mare înseamnă mai ușor.
term-churn = Rata de abandon (churn)
term-churn-meaning = Ponderea clienților de la începutul perioadei care au încetat să mai fie clienți în cursul ei.
term-active-customer = Clienți activi
term-active-customer-meaning = Clienții cu un abonament în vigoare sau a căror ultimă comandă este destul de recentă pentru a fi considerați actuali.
term-conversion = Rata de conversie
term-conversion-meaning = Ponderea vizitelor pe site încheiate cu o achiziție.
term-fcr = Rezolvare la primul contact
term-fcr-meaning = Ponderea cazurilor de suport rezolvate la primul contact.
term-custom = Indicatorii dumneavoastră
term-custom-meaning = Indicatori definiți pentru această afacere ca interogări asupra datelor ei; sunt comparați cu perioadele anterioare, dar nu li se aplică un test de semnificație.
term-target = Țintă
term-target-meaning = O valoare convenită pe care un indicator trebuie să o atingă în perioadă.
term-benchmark = Reper
term-benchmark-meaning = O valoare dintr-o afacere sau un studiu comparabil, cu sursa ei, care pune un număr în context.
term-clv = Valoarea pe durata relației (CLV)
term-clv-meaning = Cât se așteaptă să cheltuiască un client de acum încolo, actualizat la valoarea banilor de azi.
term-p-alive = Șansa de a fi încă activ
term-p-alive-meaning = Probabilitatea, după model, ca un client să nu fi încetat pe tăcute să cumpere, judecând după cât de des și cât de recent a cumpărat.
term-backtest = Test pe date istorice (back-test)
term-backtest-meaning = Modelul calibrat pe date mai vechi și pus să prezică o perioadă deja încheiată, ca să arate cât de mult poate greși.
term-retention-curve = Curba de retenție
term-retention-curve-meaning = Ponderea abonaților noi încă abonați după fiecare lună, proiectată din cohortele anterioare.
term-cohort = Cohortă
term-cohort-meaning = Clienții care au cumpărat (sau s-au abonat) prima dată în aceeași lună, urmăriți în lunile următoare.
term-funnel = Pâlnia de conversie
term-funnel-meaning = Pașii de la o vizită la o achiziție și câți vizitatori ajung la fiecare.
term-forecast-interval = Intervale de 80 % și 95 %
term-forecast-interval-meaning = Intervalul în care valoarea viitoare se va afla cu o probabilitate de 80 % (sau 95 %), dacă tiparul din trecut se menține.
term-triangulation = Surse comparate
term-triangulation-meaning = Aceeași mărime numărată de două dintre sistemele dumneavoastră; o diferență peste toleranță înseamnă că unul dintre ele omite sau numără de două ori ceva.
term-quarantine = Rânduri în carantină
term-quarantine-meaning = Rânduri din exporturile clientului care nu au trecut o verificare (o dată lipsă, un scor imposibil); sunt puse deoparte și nu se numără până nu sunt corectate.

## Livrare: e-mailul cu care pleacă un raport programat și ce spune o rulare a programatorului

mail-subject = { $client }: { $title }, { $period }
mail-intro-attached = Raportul pentru { $period } este atașat: un PDF de citit sau de tipărit și același raport ca pagină web, de deschis în orice browser.
mail-intro-inline = Raportul pentru { $period } urmează mai jos și este atașat ca PDF de citit sau de tipărit.
mail-notices = Atenție:
mail-summary = Pe scurt:
mail-sign-off = Răspundeți la acest e-mail ca să ne spuneți ce ar face următorul raport mai util.
schedule-delivered = { $client }, { $period }: raportul { $run } a fost livrat la { $to }.
schedule-delivered-stale = { $client }, { $period }: raportul { $run } a fost livrat la { $to }, cu mențiunea că { $sources } nu { $count ->
    [one] a fost încărcat
    [few] au fost încărcate
   *[other] au fost încărcate
  } de la sfârșitul perioadei.
schedule-waiting = { $client }, { $period }: se așteaptă până la { $until } pentru { $sources }, neîncărcate de la sfârșitul perioadei.
schedule-awaiting-approval = { $client }, { $period }: raportul { $run } așteaptă aprobarea: `rapport report approve { $client-id } { $run }` îl trimite, `rapport report reject { $client-id } { $run }` nu.
schedule-failed = { $client }, { $period }: nelivrat: { $reason }. Următorul `rapport schedule run` încearcă din nou.
schedule-busy = { $client }, { $period }: un alt proces lucrează la el.
schedule-rejected = { $client }, { $period }: raportul { $run } a fost respins; nu va fi trimis.
schedule-nothing-due = Nimic de făcut: ultimul raport al fiecărei programări este livrat, respins sau în așteptarea aprobării.

## Cuvinte: perioade, date, durate și schimbări, cum le scrie orice interfață

month-1 = ianuarie
month-2 = februarie
month-3 = martie
month-4 = aprilie
month-5 = mai
month-6 = iunie
month-7 = iulie
month-8 = august
month-9 = septembrie
month-10 = octombrie
month-11 = noiembrie
month-12 = decembrie
period-month = { $month } { $year }
period-quarter = trim. { $quarter } { $year }
period-week = săptămâna { $week } din { $year }
period-range = { $from } – { $to }
date-day = { $day } { $month } { $year }
# Months of the Solar Hijri (Persian) calendar, for clients who keep it.
solar-hijri-month-1 = Farvardin
solar-hijri-month-2 = Ordibehesht
solar-hijri-month-3 = Khordad
solar-hijri-month-4 = Tir
solar-hijri-month-5 = Mordad
solar-hijri-month-6 = Shahrivar
solar-hijri-month-7 = Mehr
solar-hijri-month-8 = Aban
solar-hijri-month-9 = Azar
solar-hijri-month-10 = Dey
solar-hijri-month-11 = Bahman
solar-hijri-month-12 = Esfand
solar-hijri-month-short-1 = Far
solar-hijri-month-short-2 = Ord
solar-hijri-month-short-3 = Kho
solar-hijri-month-short-4 = Tir
solar-hijri-month-short-5 = Mor
solar-hijri-month-short-6 = Sha
solar-hijri-month-short-7 = Meh
solar-hijri-month-short-8 = Aba
solar-hijri-month-short-9 = Aza
solar-hijri-month-short-10 = Dey
solar-hijri-month-short-11 = Bah
solar-hijri-month-short-12 = Esf
date-with-gregorian = { $date } ({ $gregorian })
date-time = { $date }, ora { $time } { $zone }
duration-seconds = { $n } s
duration-minutes = { $n } min
duration-hours = { $n } h
duration-days = { $n } z
change-points-short = { $n } pp
change-percentage-points = { $n } puncte procentuale
change-points = { $n ->
    [one] { $n-text } punct
    [few] { $n-text } puncte
   *[other] { $n-text } de puncte
  }
change-none = nicio valoare pentru { $period } cu care să se compare
change-unchanged = neschimbat față de { $period }
change-moved = { $direction ->
    [up] în creștere
   *[down] în scădere
  } cu { $size } față de { $period }{ $verdict ->
    [significant] , semnificativ
    [not-significant] , nesemnificativ
   *[untested] {""}
  }
metric-missing = { $metric }: n/d ({ $reason })
metric-no-data = fără date

## De ce un indicator nu are valoare (METRICS.md: lipsă, niciodată 0); rapport_metrics::Why
missing-undefined = valoarea nu este definită (împărțire la zero)
missing-not-computed = nu a fost calculat
missing-no-nps-responses = niciun răspuns NPS în perioadă
missing-no-csat-responses = niciun răspuns CSAT în perioadă
missing-no-ces-responses = niciun răspuns CES în perioadă
missing-ces-scales = răspunsurile CES sunt pe scale diferite ({ $low-a }–{ $high-a } și { $low-b }–{ $high-b }) și nu pot fi mediate împreună
missing-no-subscriptions-loaded = nu a fost încărcat niciun abonament
missing-no-orders-loaded = nu a fost încărcată nicio comandă finalizată
missing-before-first-activity = perioada se încheie înainte de prima activitate a primului client
missing-no-active-subscriptions = niciun abonament nu era activ la începutul perioadei
missing-no-recent-customers = niciun client nu plasase o comandă în fereastra de inactivitate dinaintea perioadei
missing-no-dormant-customers = niciun client nu a devenit inactiv în perioadă, deci quick ratio nu este definit
missing-no-orders = nicio comandă finalizată în perioadă
missing-order-currencies = comenzile sunt în mai multe monede ({ $first } … { $last }); încărcați cursurile de schimb (`rapport ingest CLIENT exchange_rates rates.csv`) pentru conversie
missing-not-attributed = aceste date nu sunt atribuite clienților, deci nu au valoare pentru un segment
missing-no-spend-rows = niciun rând de cheltuieli de marketing în perioadă
missing-no-impressions = nicio afișare în perioadă
missing-no-clicks = niciun clic în perioadă
missing-spend-currencies = bugetul de publicitate este în mai multe monede ({ $currencies }); încărcați cursurile de schimb (`rapport ingest CLIENT exchange_rates rates.csv`) pentru conversie
missing-no-conversions-column = datele de cheltuieli nu au o coloană de conversii
missing-no-conversion-value = datele de cheltuieli nu au valoarea conversiilor
missing-no-conversions = nicio conversie în perioadă
missing-no-spend = nicio cheltuială în perioadă
missing-no-campaigns = nicio campanie de e-mail livrată în perioadă
missing-no-posts-with-followers = nicio postare pe rețelele sociale cu numărul de urmăritori în perioadă
missing-no-posts-with-reach = nicio postare pe rețelele sociale cu acoperire în perioadă
missing-no-sessions = nicio sesiune web în perioadă
missing-no-carts = nimeni nu a adăugat produse în coș în perioadă (sau toate coșurile au mai puțin de o zi)
missing-no-tickets-opened = niciun tichet deschis în perioadă
missing-no-tickets-resolved = niciun tichet rezolvat în perioadă
missing-no-contact-counts = niciun tichet rezolvat în perioadă nu are numărul de contacte
missing-no-escalation-flags = niciun tichet deschis în perioadă nu are marcajul de escaladare
missing-no-first-responses = niciun tichet deschis în perioadă nu are primul răspuns înregistrat
missing-no-churn = niciun client pierdut în perioadă, deci durata de viață estimată nu este definită
missing-no-new-customers = niciun client nou în perioadă
missing-clv-cac-currencies = CLV este în { $clv }, iar bugetul de publicitate în { $spend }; încărcați cursurile de schimb (`rapport ingest CLIENT exchange_rates rates.csv`) pentru a le compara
missing-cac-zero = costul de achiziție a unui client este 0
missing-input = { $metric } nu are valoare: { $cause }
missing-no-column = nicio coloană `{ $by }` în { $entity }
missing-customers-not-split = clienții nu sunt împărțiți după `{ $by }`; folosiți `--by customer.{ $by }` pentru un atribut al clientului
missing-no-query-value = interogarea nu a întors nicio valoare pentru perioadă

## Ce le lipsește datelor clientului pentru un model (rapport_predict::Lack)
lack-no-orders = `{ $client }` nu are comenzi finalizate; încărcați comenzile cu `rapport ingest { $client } orders FILE`
lack-no-orders-before = `{ $client }` nu are comenzi finalizate înainte de { $day }; încărcați comenzile cu `rapport ingest { $client } orders FILE`
lack-no-order-items = `{ $client }` nu are produse în comenzile finalizate; încărcați-le cu `rapport ingest { $client } order_items FILE`
lack-customer-without-items = clientul `{ $customer }` nu are comenzi finalizate cu produse în `{ $client }`
lack-no-subscriptions = `{ $client }` nu are abonamente; încărcați-le cu `rapport ingest { $client } subscriptions FILE`
lack-nothing-to-forecast = nu există comenzi finalizate din care să se facă o prognoză
lack-too-few-periods = `{ $client }` are { $have ->
    [one] o perioadă completă
    [few] { $have-text } perioade complete
   *[other] { $have-text } de perioade complete
} de date; o prognoză are nevoie de cel puțin { $need-text }
lack-broken-series = { $metric } nu are valoare în { $period } ({ $why }); o prognoză are nevoie de o serie fără goluri
lack-too-few-active = { $at-cutoff-text } clienți activi la data de referință și { $later-text } o fereastră mai târziu; sunt necesari cel puțin { $need-text } în fiecare
lack-order-currencies = comenzile finalizate sunt în mai multe monede ({ $currencies }); cheltuiala pe client cere o singură monedă, deci convertiți comenzile înainte de predicție
list-more = { $list } … și încă { $n-text }

## Denumirile indicatorilor (METRICS.md); un indicator propriu își păstrează numele din definiție

metric-nps = Net Promoter Score (NPS)
metric-csat = Satisfacția clienților (top-2-box)
metric-ces = Scorul de efort al clientului (medie)
metric-customers_start = Clienți la început de perioadă
metric-customers_end = Clienți la sfârșit de perioadă
metric-new_customers = Clienți noi
metric-churn_rate = Rata de abandon (churn)
metric-retention_rate = Rata de retenție
metric-net_customer_growth = Creșterea netă a clienților
metric-active_customers = Clienți activi
metric-lifecycle_new = Ciclu de viață: noi
metric-lifecycle_returning = Ciclu de viață: recurenți
metric-lifecycle_resurrecting = Ciclu de viață: reactivați
metric-lifecycle_dormant = Ciclu de viață: inactivi
metric-quick_ratio = Quick ratio
metric-revenue = Venituri
metric-orders = Comenzi
metric-aov = Valoarea medie a comenzii
metric-purchase_frequency = Frecvența de cumpărare
metric-repeat_purchase_rate = Rata de recumpărare
metric-clv_simple = Valoarea pe durata relației (simplă)
metric-cac = Costul de achiziție a unui client
metric-clv_cac_ratio = CLV:CAC
metric-impressions = Afișări
metric-clicks = Clicuri
metric-spend = Cheltuieli de publicitate
metric-ctr = Rata de clic (CTR)
metric-cpc = Cost pe clic
metric-cpm = Cost la 1.000 de afișări
metric-cpa = Cost pe achiziție
metric-roas = Randamentul cheltuielilor de publicitate (ROAS)
metric-conversion_rate = Rata de conversie
metric-email_open_rate = Rata de deschidere a e-mailurilor
metric-email_ctr = Rata de clic în e-mailuri
metric-social_engagement_rate = Rata de interacțiune pe rețele (urmăritori)
metric-social_engagement_rate_reach = Rata de interacțiune pe rețele (acoperire)
metric-sessions = Sesiuni
metric-avg_session_duration = Durata medie a sesiunii
metric-engagement_rate = Rata de implicare (GA4)
metric-bounce_rate = Rata de respingere (GA4)
metric-bounce_rate_single_page = Rata de respingere (o singură pagină)
metric-cart_abandonment_rate = Rata de abandon al coșului
metric-tickets_opened = Tichete deschise
metric-tickets_resolved = Tichete rezolvate
metric-fcr = Rezolvare la primul contact
metric-escalation_rate = Rata de escaladare
metric-first_response_time = Timpul până la primul răspuns (medie)
metric-resolution_time = Timpul de rezolvare (medie)

## Cohorte și defalcări: prima activitate a unei cohorte și atributele după care se defalcă

cohort-activity-orders = comenzi
cohort-activity-subscriptions = abonări
attribute-channel = canal
attribute-country = țară
attribute-city = oraș
attribute-segment = segment
attribute-device = dispozitiv
attribute-source = sursă
attribute-campaign = campanie
attribute-plan = abonament
attribute-category = categorie
attribute-platform = platformă

## Textele liniei de comandă (rapoartele nu le afișează)

load-summary = { $client }/{ $entity } din { $source }: citite { $read ->
        [one] { $read-text } rând
        [few] { $read-text } rânduri
       *[other] { $read-text } de rânduri
    }, încărcate { $loaded-text }{ $replaced ->
        [0] {""}
        [one] {" "}(din care { $replaced-text } înlocuiește un rând anterior)
        [few] {" "}(din care { $replaced-text } înlocuiesc rânduri anterioare)
       *[other] {" "}(din care { $replaced-text } înlocuiesc rânduri anterioare)
    }, în carantină { $quarantined-text }, deja încărcate { $duplicates-text }{ $kept ->
        [0] {""}
        [one] {" "}(din care { $kept-text } păstrat, fiindcă l-a încărcat altă sursă)
        [few] {" "}(din care { $kept-text } păstrate, fiindcă le-a încărcat altă sursă)
       *[other] {" "}(din care { $kept-text } păstrate, fiindcă le-a încărcat altă sursă)
    }{ $continued ->
        [0] {""}
        [one] , { $continued-text } rând de continuare al înregistrării de deasupra
        [few] , { $continued-text } rânduri de continuare ale înregistrării de deasupra
       *[other] , { $continued-text } de rânduri de continuare ale înregistrării de deasupra
    }{ $merged ->
        [0] {""}
        [one] , { $merged-text } rând contopit cu altul cu aceeași cheie (câștigă cel mai recent)
        [few] , { $merged-text } rânduri contopite cu altele cu aceeași cheie (câștigă cel mai recent)
       *[other] , { $merged-text } de rânduri contopite cu altele cu aceeași cheie (câștigă cel mai recent)
    } ({ $seconds } s, { $rate } rânduri/s)
load-problem = { $rows ->
        [one] { $rows-text } rând pus în carantină
        [few] { $rows-text } rânduri puse în carantină
       *[other] { $rows-text } de rânduri puse în carantină
    } (coloana { $column }: { $rule })
load-example-row = rândul { $row-text }
load-example-value = rândul { $row-text }: { $value }
load-problem-any-column = { $rows ->
        [one] { $rows-text } rând pus în carantină
        [few] { $rows-text } rânduri puse în carantină
       *[other] { $rows-text } de rânduri puse în carantină
    } ({ $rule })
load-totals-skipped = { $n ->
        [one] { $n-text } rând de total al exportului a fost omis
        [few] { $n-text } rânduri de total ale exportului au fost omise
       *[other] { $n-text } de rânduri de total ale exportului au fost omise
    }
load-quarantine-file = rânduri în carantină: { $file }
load-columns-not-read = coloane necitite: { $columns }
load-columns-ignored = { $n ->
        [one] încă { $n-text } coloană lăsată deoparte intenționat de lista [ignore] a mapării
        [few] încă { $n-text } coloane lăsate deoparte intenționat de lista [ignore] a mapării
       *[other] încă { $n-text } de coloane lăsate deoparte intenționat de lista [ignore] a mapării
    }
cli-demo-intro = Demo Rapport: trei clienți, de la { $from } la { $to }, seed { $seed }.
demo-client = { $name } ({ $id }, { $kind ->
        [shop] magazin online
        [saas] SaaS pe bază de abonament
       *[services] servicii locale
    }): exporturi în { $dir }
cli-demo-export-preset = { $file } (preset { $preset })
cli-demo-totals = În total: { $read } rânduri citite (un rând o dată pentru fiecare entitate pe care o completează), { $loaded } încărcate, { $quarantined } în carantină, { $duplicates } duplicate omise, { $items } alăturate unei înregistrări date de alt rând, în { $seconds } s.
cli-demo-workspace = Spațiu de lucru: { $dir }   (exporturile brute în { $exports }, rândurile în carantină în { $quarantine })
cli-demo-metrics = Indicatori (ultima lună față de luna anterioară; toți indicatorii din METRICS.md):
cli-demo-predictions = Predicții:
cli-demo-serve-note = paginile web, citite la sfârșitul datelor (adăugați întâi un utilizator: rapport user add --help)
cli-demo-explore = Mai departe: cohorte, pâlnii, comparații, teste A/B, ce spun clienții, SQL:
cli-demo-solar-month = { $month }, o lună a calendarului solar hegirian
cli-demo-preset-note = cum a fost citit exportul Shopify de mai sus
cli-demo-reports = Rapoarte (ultimul trimestru încheiat, HTML, PDF și JSON; { $seconds } s):
cli-more = mai mult
cli-no-report = { $client }: niciun raport: { $error }
cli-no-clients = Niciun client încă; adăugați unul cu `rapport client add ID --name NUME`.
cli-column-id = ID
cli-column-name = NUME
cli-column-calendar = CALENDAR
cli-column-week-from = SĂPTĂMÂNA DIN
cli-metrics-period = { $client } · { $period } ({ $from } – { $to })
cli-metrics-incomplete = perioadă încă în curs
cli-metrics-compared = comparat cu { $period } ({ $from } – { $to })
cli-metrics-segment = segment: { $segment }
cli-column-metric = indicator
cli-column-value = valoare
cli-column-interval = IÎ 95%
cli-column-previous = anterior
cli-column-change = variație
cli-target = țintă { $value }
cli-target-met = țintă { $value } atinsă
cli-target-missed = țintă { $value } ratată

## Command line: names of groups, calendars, days and tests
metric-group-survey = sondaje
metric-group-customer-base = bază de clienți
metric-group-value = valoare
metric-group-marketing = marketing
metric-group-social = social media
metric-group-support = suport clienți
metric-group-web = web
calendar-gregorian = gregorian
calendar-solar-hijri = hijri solar
weekday-monday = luni
weekday-tuesday = marți
weekday-wednesday = miercuri
weekday-thursday = joi
weekday-friday = vineri
weekday-saturday = sâmbătă
weekday-sunday = duminică
test-two_proportion_z = testul z pentru două proporții
test-welch_t = testul t Welch
test-nps_margin = marja de eroare a NPS
test-poisson_rate = testul ratelor Poisson

## Command line: targets
cli-target-set = ținta pentru { $metric }, clientul { $client }, perioada { $period }: { $value }
cli-targets-none = { $client } nu are ținte; setați una cu `rapport target set { $client } METRIC PERIOD VALUE` sau încărcați-le ca entitatea `targets`
cli-column-period = perioadă
cli-column-target = țintă
cli-column-origin = sursă
cli-target-origin-set = setată pe { $day }
cli-target-origin-loaded = încărcată din { $source }
cli-target-overridden = (înlocuită de ținta setată manual)

## Command line: cohorts and funnels
cli-cohorts-title = { $client } · cohorte după { $unit ->
    [week] săptămâna
   *[month] luna
} { $activity ->
    [subscriptions] primului abonament
   *[orders] primei comenzi
} · { $criteria ->
    [on-or-after] activi în acea perioadă sau mai târziu
   *[on] activi exact în acea perioadă
}, % { $reference ->
    [previous] din perioada anterioară
   *[first] din mărimea cohortei
}
cli-cohorts-none = încă niciun client
cli-column-cohort = cohortă
cli-column-size = mărime
cli-cohorts-legend = … perioadă încă în curs (nu e o scădere); media e ponderată cu mărimea cohortelor, doar pe celulele complete
cli-funnel-title = { $client } · pâlnie de { $per ->
    [session] sesiuni
   *[person] persoane
} intrate în { $period } · pași { $order ->
    [strict] strict în ordine
    [any] în orice ordine
   *[ordered] în ordine
} în cel mult { $window }
cli-column-step = pas
cli-column-event = eveniment
cli-column-count = număr
cli-column-from-previous = din anterior
cli-column-from-first = din primul
cli-column-dropped = renunțări
cli-column-in-progress = în curs
cli-column-median-time = timp median
cli-funnel-excluded = { $per ->
    [session] sesiuni
   *[person] persoane
} eliminate pentru { $events } între pași: { $count }
cli-funnel-cart = abandonul coșului: { $rate } ({ $converted } din { $carts } coșuri cumpărate în fereastra coșului, de { $units } din { $all } { $per ->
    [session] sesiuni
   *[person] persoane
}; { $open } încă în fereastră)

## Command line: comparisons and A/B tests
cli-compare-title = { $client } · { $metric } după { $by } · { $period }
cli-column-attribute-value = valoare
cli-column-spend = cheltuieli
cli-column-vs-best = față de cel mai bun
cli-compare-best = cel mai bun
cli-compare-footnote = * diferă de cel mai bun la 95 % ({ $test }, ajustat Holm pentru { $comparisons ->
    [one] o comparație
    [few] { $comparisons-text } comparații
   *[other] { $comparisons-text } de comparații
})
cli-note = notă: { $text }
cli-abtest-title = { $client } · test A/B pentru { $metric } · { $period }
cli-interval = (IÎ 95% { $low }–{ $high })
cli-abtest-lift = creșterea lui B față de A: { $lift } %
cli-abtest-lift-interval = creșterea lui B față de A: { $lift } % (IÎ 95% între { $low } % și { $high } %)
cli-abtest-significant = { $test }: { $p } → diferența este semnificativă la 95 %
cli-abtest-not-significant = { $test }: { $p } → nesemnificativă la 95 %: datele nu pot deosebi variantele
cli-abtest-no-test = niciun test al diferenței
cli-abtest-bayes = P(B > A) = { $probability } %; pierdere așteptată alegând B { $loss-b } pp, alegând A { $loss-a } pp
cli-metrics-footnote = * semnificativ la 95 %; schimbările ratelor sunt în puncte procentuale

## Notes on how a result was made
note-split-by-column = împărțit după coloana `{ $by }` din { $entities }; indicatorii din { $unsplit } nu sunt împărțiți
note-split-by-column-all = împărțit după coloana `{ $by }` din { $entities }
note-split-by-field = împărțit după câmpul de client `{ $field }`; datele neatribuite clienților (reclame, e-mail, social media) nu intră în niciun grup
note-several-groups = un client cu mai multe valori `{ $field }` apare în mai multe grupuri
note-largest-groups = `{ $by }` are { $values ->
    [one] o valoare
    [few] { $values-text } valori
   *[other] { $values-text } de valori
}; sunt afișate cele mai mari { $shown-text }
note-inactivity = clienții sunt numărați din comenzi: un client e activ cât timp ultima comandă are cel mult { $days ->
    [one] o zi
    [few] { $days-text } zile
   *[other] { $days-text } de zile
}
note-no-data-for = nicio dată pentru { $metric } în perioadă la: { $values }
note-foreign-spend = cheltuieli în altă monedă decât { $home } la { $values }: fără cheltuieli, CPA, ROAS sau CAC pentru acestea până la încărcarea cursurilor de schimb
note-no-ad-spend = nicio cheltuială publicitară în perioadă: CPA, ROAS și CAC nu sunt disponibile
note-largest-arms = variantele sunt cele mai mari două valori din `{ $column }`; numiți-le cu --a-value și --b-value
note-both-arms = un client care se potrivește ambelor filtre este în ambele variante
note-no-test = { $metric } nu este o proporție, o medie sau un NPS, deci nu are test al diferenței

## Command line: models
cli-files-predictions = Rezultate pe client: { $file } (și .csv)
cli-files-segments = Segmente pe client salvate ca `{ $name }`: { $file } (și .csv)
cli-files-churn = Scoruri pe client: { $file } (și .csv)
cli-files-recommendations = Lista fiecărui client: { $file } (și .csv)
time-units = { $unit ->
    [day] zile
    [week] săptămâni
    [month] luni
   *[year] ani
}
cli-predict-fit = { $client }: { $model } ajustat pe comenzile finalizate ale { $customers ->
    [one] unui client
    [few] celor { $customers-text } clienți
   *[other] celor { $customers-text } de clienți
}, între { $from } și { $to } (timp măsurat în { $units })
cli-predict-fit-opportunities = { $client }: { $model } ajustat pe comenzile finalizate ale { $customers ->
    [one] unui client
    [few] celor { $customers-text } clienți
   *[other] celor { $customers-text } de clienți
}, între { $from } și { $to } (oportunități: { $units } calendaristice de după prima a fiecărui client)
cli-log-likelihood = log-verosimilitate { $value }
cli-predict-spend-independent = valoare: Gamma-Gamma pe { $customers ->
    [one] un client recurent
    [few] { $customers-text } clienți recurenți
   *[other] { $customers-text } de clienți recurenți
}, { $params }; corelația frecvență–valoare { $rho } (mică: ipoteza de independență se verifică)
cli-predict-spend-doubtful = valoare: Gamma-Gamma pe { $customers ->
    [one] un client recurent
    [few] { $customers-text } clienți recurenți
   *[other] { $customers-text } de clienți recurenți
}, { $params }; corelația frecvență–valoare { $rho } (peste 0,3: ipoteza de independență a modelului e îndoielnică, tratați CLV cu prudență)
cli-predict-no-spend = valoare: modelul Gamma-Gamma nu a putut fi ajustat, deci fără CLV: { $error }
cli-predict-next = Următoarele { $horizon }: { $transactions ->
    [one] o tranzacție
    [few] { $transactions-text } tranzacții
   *[other] { $transactions-text } de tranzacții
} așteptate; aproximativ { $active } din { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
} încă activi; CLV total { $clv } (actualizare { $discount } % pe an)
cli-predict-next-margin = Următoarele { $horizon }: { $transactions ->
    [one] o tranzacție
    [few] { $transactions-text } tranzacții
   *[other] { $transactions-text } de tranzacții
} așteptate; aproximativ { $active } din { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
} încă activi; CLV total { $clv } (actualizare { $discount } % pe an, marjă { $margin } %)
cli-predict-risk = Risc de pierdere (P(activ) < 0,3 ridicat, < 0,7 mediu): { $high } ridicat, { $medium } mediu, { $low } scăzut
cli-predict-holdout = Verificare pe perioada de control, { $from } – { $to } ({ $length } { $units }): tranzacții repetate per client, după frecvența din calibrare
cli-predict-holdout-total = total: { $predicted } prezise, { $actual } reale ({ $error } %)
cli-predict-top = { $count ->
    [one] Clientul cu cel mai mare CLV:
    [few] Primii { $count-text } clienți după CLV:
   *[other] Primii { $count-text } de clienți după CLV:
}
cli-column-customer = client
cli-column-customers = clienți
cli-column-predicted = prezis
cli-column-actual = real
cli-column-expected = așteptat
cli-column-risk = risc
risk-high = ridicat
risk-medium = mediu
risk-low = scăzut
cli-retention-fit = { $client }: retenție beta-geometrică deplasată ajustată pe { $cohorts ->
    [one] o cohortă
    [few] { $cohorts-text } cohorte
   *[other] { $cohorts-text } de cohorte
} ({ $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
}, la data de { $day })
cli-retention-churn = probabilitatea medie de abandon pe { $unit ->
    [year] an
   *[month] lună
} { $churn } %
cli-column-survival = supraviețuire
cli-column-retention = retenție
cli-column-observed = observat
cli-retention-lifetime = Un abonat nou rămâne { $lifetime } { $units } în termeni actualizați ({ $discount } % pe an)
cli-retention-lifetime-worth = Un abonat nou rămâne { $lifetime } { $units } în termeni actualizați ({ $discount } % pe an), adică { $worth } la plata medie de azi
cli-segments-kmeans = k-means, k = { $k } ales după silhouette ({ $scores })
cli-segments-rfm = cvintile RFM
cli-segments-title = { $client }: { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
} la data de { $day }, { $how }
cli-column-segment = segment
cli-column-share = pondere
cli-column-revenue = venituri
cli-column-recency = recență
cli-column-purchases = achiziții
cli-churn-definition = { $client }: abandon = nicio achiziție în { $days ->
    [one] o zi
    [few] { $days-text } zile
   *[other] { $days-text } de zile
}.
cli-churn-trained = Antrenat pe { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
} activi la { $day } ({ $rate } % au plecat),
cli-churn-tested = testat pe { $customers-text } activi la { $day } ({ $rate } % au plecat), al căror rezultat modelul nu l-a văzut:
cli-churn-quality = ROC AUC { $auc } (0,5 înseamnă aruncarea unei monede, 1 e perfect); primii 10 % după risc: precizie { $precision } %, recall { $recall } %
cli-churn-calibration = calibrare (zecimi după riscul prezis): prezis → observat
cli-churn-drivers = ce crește riscul (log-odds per abatere standard):
cli-churn-constant = nefolosite, identice pentru toți clienții (le este încărcată sursa?): { $features }
cli-churn-scored = Evaluați { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
} activi la { $day }; cel mai mare risc:
cli-churn-score = (ultima achiziție acum { $days ->
    [one] o zi
    [few] { $days-text } zile
   *[other] { $days-text } de zile
}, { $purchases ->
    [one] o achiziție
    [few] { $purchases-text } achiziții
   *[other] { $purchases-text } de achiziții
})
churn-feature-recency_days = zile de la ultima achiziție
churn-feature-purchases = achiziții (zile cu o comandă finalizată) până acum
churn-feature-mean_spend = valoarea medie a unei achiziții
churn-feature-tenure_days = zile de la prima achiziție
churn-feature-purchases_90d = achiziții în ultimele 90 de zile
churn-feature-tickets_90d = tichete de suport deschise în ultimele 90 de zile
churn-feature-escalations_90d = tichete escaladate în ultimele 90 de zile
churn-feature-survey_responses = răspunsuri la chestionare date până acum
churn-feature-survey_score = cel mai recent scor la chestionar, pe o scară 0–1 (0,5 dacă lipsește)
churn-feature-sessions_90d = vizite pe site în ultimele 90 de zile
churn-feature-email_opens_90d = e-mailuri de campanie deschise în ultimele 90 de zile
churn-feature-email_clicks_90d = e-mailuri de campanie cu clic în ultimele 90 de zile
churn-feature-email_unsubscribed = 1 dacă s-a dezabonat de la e-mailurile de campanie, altfel 0
cli-recommend-title = { $client }: { $products ->
    [one] un produs
    [few] { $products-text } produse
   *[other] { $products-text } de produse
} cumpărate de { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
}.
cli-recommend-check = Verificare: ajustat pe comenzile dinainte de { $day }; din { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
} care au cumpărat apoi ceva nou pentru ei, { $hit } au cumpărat una dintre cele { $k } recomandări ale lor (rata de potrivire la { $k }); cele mai populare { $k } produse ar fi nimerit { $popular }.
recommend-popular = popular
recommend-bought-with = cumpărat împreună cu { $product }
cli-forecast-title = { $client }: { $metric } pe { $periods } perioade complete; { $model } ales după AICc ({ $aicc }) dintre { $forms } forme; { $params }
cli-column-interval-80 = interval 80 %
cli-column-interval-95 = interval 95 %
cli-forecast-actual = (real)

## Model summaries, one sentence each (the demo, the server)
horizon-days = { $n ->
    [one] { $n-text } zi
    [few] { $n-text } zile
   *[other] { $n-text } de zile
}
horizon-weeks = { $n ->
    [one] { $n-text } săptămână
    [few] { $n-text } săptămâni
   *[other] { $n-text } de săptămâni
}
horizon-months = { $n ->
    [one] { $n-text } lună
    [few] { $n-text } luni
   *[other] { $n-text } de luni
}
horizon-years = { $n ->
    [one] { $n-text } an
    [few] { $n-text } ani
   *[other] { $n-text } de ani
}
sentence-purchase = { $client }: { $model } pe { $customers ->
    [one] un client
    [few] { $customers-text } clienți
   *[other] { $customers-text } de clienți
}; în următoarele { $horizon }, { $transactions ->
    [one] o tranzacție așteptată
    [few] { $transactions-text } tranzacții așteptate
   *[other] { $transactions-text } de tranzacții așteptate
}, CLV total { $clv }
sentence-per-customer = { $sentence }; pe client în { $file }
sentence-retention = { $client }: curba de retenție (sBG) pe { $cohorts ->
    [one] o cohortă
    [few] { $cohorts-text } cohorte
   *[other] { $cohorts-text } de cohorte
}; { $month1 } dintre abonați rămân după luna 1, { $month12 } după luna 12
sentence-churn = { $client }: clasificator de abandon (nicio achiziție în { $days ->
    [one] o zi
    [few] { $days-text } zile
   *[other] { $days-text } de zile
}), ROC AUC { $auc } pe o perioadă nevăzută; { $customers ->
    [one] un client actual evaluat
    [few] { $customers-text } clienți actuali evaluați
   *[other] { $customers-text } de clienți actuali evaluați
}
sentence-segments = { $client }: segmente { $method }, cele mai mari: { $largest }
sentence-forecast = { $client }: prognoza pentru { $metric }, { $model } (intervale de 80 %): { $next }
sentence-recommend = { $client }: recomandări de produse, rata de potrivire la { $k } { $hit } (popularitate { $popular })

## Linia de comandă: spațiul de lucru, clienți, încărcări, entități, rapoarte, feedback și programări
cli-init = Am creat un spațiu de lucru Rapport în { $dir } (fus orar { $timezone }, monedă { $currency }).
cli-next = Pasul următor: { $command }
cli-next-edit = Pasul următor: editați-l, apoi `{ $command }`
cli-details = Detalii: { $command }
cli-client-added = Am adăugat clientul `{ $id }` ({ $name }).
cli-client-added-calendar = Am adăugat clientul `{ $id }` ({ $name }), cu calendarul { $calendar } și săptămâna începând { $weekday }.
cli-client = Clientul `{ $id }` ({ $name }).
cli-client-calendar = Clientul `{ $id }` ({ $name }), cu calendarul { $calendar } și săptămâna începând { $weekday }.
cli-target-reread = notă: ținta pentru { $metric } în `{ $period }` se citește acum ca perioadă în calendarul { $now }; setați-o din nou dacă se referea la calendarul { $before }
cli-no-loads = Nicio încărcare pentru `{ $client }` încă; încărcați date cu `rapport ingest`.
cli-column-load = ÎNC.
cli-column-finished = TERMINATĂ
cli-column-entity = ENTITATE
cli-column-source = SURSĂ
cli-column-read = CITITE
cli-column-loaded = ÎNCĂRC.
cli-column-quarantined = CARANT.
cli-column-duplicates = DUPLIC.
cli-column-items = ALĂTURATE
cli-loads-items = { $column }: rânduri care țin de o înregistrare dată de alt rând: celelalte produse ale unei comenzi, celelalte comenzi ale unui client (nu sunt duplicate)
cli-entity-summary = cheie ({ $key }); obligatorii: { $required }
cli-entity-key = { $entity }: cheie ({ $key })
cli-entity-required = obligatorie
cli-entity-optional = opțională
cli-entity-rule = regulă: { $rule }
cli-entity-common = fiecare tabel are și client_id și source
column-type-text = text
column-type-integer = un număr întreg
column-type-decimal = un număr
column-type-timestamp = o dată și oră
column-type-date = o dată
column-type-boolean = adevărat sau fals
column-type-list = o listă
column-rule-non-negative = nu e negativă
column-rule-positive = peste 0
column-rule-one-of = una dintre { $values }
column-rule-currency-code = cod ISO 4217
column-rule-birth-year = an al nașterii plauzibil
column-rule-period-label = etichetă de perioadă
row-rule-not-before = { $later } nu e înainte de { $earlier }
row-rule-survey-scale = scorul se află pe scala sondajului (nps 0-10; csat 1-5 și ces 1-7, dacă scale_min/scale_max nu spun altfel)
cli-no-reports = Niciun raport pentru { $client } încă; faceți unul cu `rapport report { $client }`
cli-column-run = RULARE
cli-column-as-of = LA DATA
cli-column-made = REALIZAT
cli-column-status = STARE
cli-column-scheduled = PROGRAMARE
cli-column-files = FIȘIERE · LIVRARE
cli-report-definition = Definiția raportului: { $file }
cli-report-template = Șablon: { $file }
cli-report-made = Raportul { $run } · { $client } · { $title } · { $period } ({ $seconds } s)
cli-no-feedback = Niciun feedback de la { $client } încă.
cli-feedback-line = raportul { $run } ({ $period })  { $rating } din 5
cli-schedule-added = Am adăugat programarea { $id } pentru { $client }: { $rule }. Următoarea la { $next } ({ $period }), livrată în { $deliver }.
cli-schedule-cron = Rulați `rapport schedule run` din cron sau dintr-un timer systemd; trimite o singură dată ce e scadent.
cli-schedule-removed = Am șters programarea { $id } ({ $client }); rapoartele ei rămân în `rapport report list { $client }`.
cli-no-schedules = Nicio programare; adăugați una cu `rapport schedule add CLIENT --every month --deliver DIR`.
cli-schedule-rule = { $every ->
        [month] lunar
       *[quarter] trimestrial
    }, ziua { $day } la { $at } { $timezone }{ $approval ->
        [yes] , cu aprobare
       *[no] {""}
    }
cli-column-client = CLIENT
cli-column-when = CÂND
cli-column-next-due = URMĂTOAREA
cli-column-deliver-to = LIVRARE CĂTRE
field-type-text = text
field-type-number = număr
field-type-list = listă
field-customer_id = id-ul clientului
field-country = atribut al clientului
field-region = atribut al clientului
field-city = atribut al clientului
field-gender = atribut al clientului
field-company_type = B2B sau B2C
field-industry = atribut al clientului
field-acquisition_channel = atribut al clientului
field-plan = atribut al clientului (sau planul ultimului abonament)
field-lifecycle_stage = atribut al clientului
field-interests = interesele clientului; se testează cu `contains`
field-birth_year = atribut al clientului
field-age = vârsta în ani la sfârșitul perioadei, din birth_year
field-age_band = 18-24, 25-34, 35-44, 45-54, 55-64 sau 65+
field-acquisition_cost = atribut al clientului
field-days_since_signup = zile de la created_at până la sfârșitul perioadei
field-orders_30d = comenzi finalizate în cele 30 de zile dinaintea sfârșitului perioadei
field-orders_90d = comenzi finalizate în cele 90 de zile dinaintea sfârșitului perioadei
field-orders_365d = comenzi finalizate în cele 365 de zile dinaintea sfârșitului perioadei
field-orders_total = comenzi finalizate înainte de sfârșitul perioadei
field-revenue_90d = venitul din comenzi finalizate în cele 90 de zile dinaintea sfârșitului perioadei
field-revenue_total = venitul din comenzi finalizate înainte de sfârșitul perioadei
field-days_since_last_order = zile de la ultima comandă finalizată până la sfârșitul perioadei
field-tickets_90d = tichete de suport deschise în cele 90 de zile dinaintea sfârșitului perioadei
field-last_nps = cel mai recent scor NPS al clientului (0–10) înainte de sfârșitul perioadei
field-segment = segmentul dat de o segmentare salvată (`rapport segments --save NUME`)
report-status = { $status ->
        [rendering] în lucru
        [written] scris
       *[failed] eșuat
    }
run-state = { $state ->
        [due] scadent
        [waiting] în așteptare
        [rendering] în lucru
        [awaiting_approval] așteaptă aprobarea
        [approved] aprobat
        [delivering] în livrare
        [delivered] livrat
        [rejected] respins
       *[failed] eșuat
    }

## Ce deosebește un segment k-means (rapport_predict::segments::Trait)
segment-average = aproape de clientul mediu
segment-recency-high = n-au mai cumpărat de mult
segment-recency-low = au cumpărat recent
segment-frequency-high = cumpără des
segment-frequency-low = cumpără rar
segment-monetary-high = cheltuiesc mult
segment-monetary-low = cheltuiesc puțin
segment-tenure-high = sunt clienți de mult timp
segment-tenure-low = au devenit clienți de curând

# rapport cluster și --timeout
cli-timeout = rapport s-a oprit după { $seconds-text } s (--timeout), înainte ca comanda să se termine.
cli-cluster-started = Am pornit un cluster local: un planificator pe 127.0.0.1:{ $port } și { $executors-text } { $executors ->
    [one] executor
    [few] executori
   *[other] de executori
  }. Rulați planurile unei comenzi pe el cu `--engine { $engine }` sau scrieți `engine = "{ $engine }"` în rapport.toml; `rapport cluster stop` îl oprește.
cli-cluster-stopped = Am oprit clusterul local ({ $processes-text } { $processes ->
    [one] proces
    [few] procese
   *[other] de procese
  }).
cli-cluster-stopped-forced = Am oprit clusterul local ({ $processes-text } { $processes ->
    [one] proces
    [few] procese
   *[other] de procese
  }); { $forced-text } { $forced ->
    [one] nu s-a oprit la cerere și a fost oprit forțat
    [few] nu s-au oprit la cerere și au fost oprite forțat
   *[other] nu s-au oprit la cerere și au fost oprite forțat
  }.
cli-column-role = ROL
cli-column-process = PROCES
cli-column-port = PORT
cli-column-state = STARE
cli-column-log = JURNAL
cli-cluster-scheduler = planificator
cli-cluster-executor = executor
cli-cluster-answers = răspunde
cli-cluster-silent = rulează, portul e închis
cli-cluster-gone = oprit
cli-cluster-runs-queries = Clusterul de la { $engine } rulează interogări: o interogare de un rând a durat { $millis-text } ms.
cli-cluster-no-queries = Clusterul de la { $engine } nu rulează interogări: { $error }

cli-storage-none = Acest spațiu de lucru nu are stocare de obiecte: adăugați în rapport.toml un tabel `[settings.storage]` cu `url = "s3://bucket/prefix"` (vedeți `rapport storage sync --help`).
cli-storage-synced = Bucket-ul { $url } conține acum toate fișierele de date confirmate și segmentele salvate ale acestor clienți.
cli-column-uploaded = ÎNCĂRCATE
cli-column-removed = ȘTERSE
cli-column-present = EXISTENTE

cli-user-no-password = Nicio parolă la intrarea standard: trimiteți-o prin pipe, de exemplu `printf '%s\n' "$PASSWORD" | rapport user add …`.
cli-user-added = Am adăugat { $email } ca { $role }.
cli-user-every-client = toți clienții
cli-user-removed = Am șters { $email }; tokenurile sale nu mai funcționează.
cli-token-created = Tokenul { $id } pentru { $email }, valabil până la { $expires }. Este afișat doar acum: păstrați-l într-un manager de parole sau într-un depozit de secrete.
cli-token-never = niciodată
cli-token-revoked = revocat
cli-token-expired = expirat
cli-token-active = activ
cli-token-revoked-now = Am revocat tokenul { $id } al lui { $email }.
cli-column-email = E-MAIL
cli-column-clients = CLIENȚI
cli-column-created = CREAT
cli-column-label = ETICHETĂ
cli-column-expires = EXPIRĂ

cli-serve-listening = Servesc { $workspace } la { $url } (pagini la /, API-ul sub /api). SIGTERM sau Ctrl-C îl oprește.
cli-serve-stopped = Oprit: toate cererile în curs au primit răspuns.

## Pagini web (rapport serve)
web-skip = Salt la conținut
web-navigation = Pagini
web-clients = Clienți
web-customers = Cumpărători
web-archive = Rapoarte
web-period = Perioada
web-compare = Comparați cu
web-compare-previous = Perioada anterioară
web-language = Limba
web-show = Arată
web-sign-in = Autentificare
web-sign-out = Ieșire
web-email = E-mail
web-password = Parola
web-bad-login = Adresa de e-mail și parola nu se potrivesc.
web-too-many = Prea multe încercări eșuate. Așteptați un sfert de oră, apoi încercați din nou.
web-not-found = Nu a fost găsit
web-error = Ceva nu a mers bine
web-back = Înapoi la început
web-read-html = Citește
web-download-pdf = Descarcă PDF
web-rating = Nota (5 este cea mai bună)
web-comment = Ce ați dori să vedeți în raportul următor?
web-send = Trimite părerea
web-no-reports = Încă nu există rapoarte.
web-feedback-thanks = Mulțumim. Raportul următor răspunde părerii dumneavoastră.
web-live-note = Date actuale, din cele mai recente încărcări. Lista de rapoarte păstrează fiecare raport așa cum a fost făcut.
web-forged = Formularul a expirat sau nu provine de pe acest site. Reîncărcați pagina și trimiteți-l din nou.
web-column-report = Raport
web-column-made = Făcut
web-column-status = Stare
web-column-files = Fișiere
web-schedules = Programări
web-schedules-title = Programarea rapoartelor
web-schedule-add = Adăugați o programare
web-schedule-every = Cât de des
web-schedule-month = Lunar, pentru luna anterioară
web-schedule-quarter = Trimestrial, pentru trimestrul anterior
web-schedule-day = Ziua lunii în care pleacă
web-schedule-at = Ora la care pleacă (HH:MM)
web-schedule-deliver = Trimis prin (smtp://gazdă:port sau smtps://gazdă:465; administratorii pot da un dosar)
web-schedule-to = Destinatari (adrese de e-mail, separate prin virgulă)
web-schedule-from = Adresa expeditorului
web-schedule-approval = Fiecare raport așteaptă aprobarea cuiva înainte să plece
web-schedule-lang = Limba raportului
web-schedule-lang-default = Cum spune definiția raportului
web-schedule-remove = Eliminați
web-schedule-none = Nicio programare încă.
web-schedule-added = Programarea a fost adăugată.
web-schedule-removed = Programarea a fost eliminată.
web-column-when = Când
web-column-next-due = Următoarea dată
web-column-deliver-to = Trimis către
web-upload = Încărcare
web-upload-title = Încărcați un export
web-upload-file = Fișierul exportat (CSV, JSON sau Parquet; mai multe de același fel odată)
web-upload-entity = Ce conține
web-upload-detect = Recunoaște-l după coloane
web-upload-check = Verifică fișierul
web-upload-load = Încarcă-l
web-upload-again = Încărcați alt fișier
web-upload-unknown = Coloane pe care nu le citește:
web-upload-preview = { $files } se va încărca în { $entity } cu presetarea { $preset } ({ $description }), care cunoaște { $share } din coloane. Nimic nu se încarcă până nu confirmați.
web-upload-preview-entity = { $files } se va încărca în { $entity }. Nimic nu se încarcă până nu confirmați.
web-upload-not-allowed = Un vizitator citește datele clientului și dă păreri; încărcările sunt pentru analiștii agenției.

## A customer's page (rapport customer, the web): rapport_app::customer
customer-title = Clientul { $customer }
customer-find = Găsiți un client
customer-find-label = Id-ul sau e-mailul clientului
customer-find-button = Caută
customer-about = Despre client
customer-outlook = Perspective
customer-orders = Comenzi
customer-order-totals = Comenzi în total
customer-products = Produsele cumpărate cel mai des
customer-subscriptions = Abonamente
customer-tickets = Tichete de suport
customer-surveys = Răspunsuri la sondaje
customer-sessions = Sesiuni pe site
customer-segments = Segmente
customer-recommendations = Produse recomandate
customer-shown = { $shown-text } din { $total-text }, cele mai noi întâi
customer-not-found = Niciun client al { $client } nu are id-ul sau e-mailul „{ $customer }”.
customer-none = Niciunul în date.
customer-no-outlook = Nicio predicție salvată nu îl cuprinde pe acest client. Predicțiile se salvează cu rapport predict și rapport churn.
customer-p-alive = Șansa de a fi încă activ, P(alive)
customer-expected-purchases = Cumpărări așteptate
customer-expected-purchases-over = Cumpărări așteptate în următoarele { $horizon }
customer-clv-over = Valoarea așteptată în următoarele { $horizon } (CLV)
customer-clv = Valoarea pe viață așteptată (CLV)
customer-risk = Risc de abandon
customer-churn-probability = Șansa de abandon (clasificator)
customer-model = Model
customer-saved-on = Prezis la
customer-yes = da
customer-no = nu
customer-column-date = Data
customer-column-order = Comanda
customer-column-amount = Suma
customer-column-status = Stare
customer-column-channel = Canal
customer-column-items = Articole
customer-column-orders = Comenzi
customer-column-first = Prima
customer-column-last = Ultima
customer-column-product = Produs
customer-column-category = Categorie
customer-column-quantity = Cantitate
customer-column-plan = Plan
customer-column-started = Început
customer-column-ended = Încheiat
customer-column-mrr = MRR
customer-column-ticket = Tichet
customer-column-resolved = Rezolvat
customer-column-escalated = Escaladat
customer-column-survey = Sondaj
customer-column-score = Scor
customer-column-comment = Comentariu
customer-column-touchpoint = Punct de contact
customer-column-events = Evenimente
customer-column-pages = Pagini
customer-column-revenue = Venit
customer-column-source = Sursă
customer-column-device = Dispozitiv
customer-column-segmentation = Segmentare
customer-column-segment = Segment
customer-column-rank = Loc
customer-column-because = De ce
customer-field-created_at = Client din
customer-field-country = Țara
customer-field-region = Regiunea
customer-field-city = Orașul
customer-field-birth_year = Anul nașterii
customer-field-gender = Genul
customer-field-company_type = B2B sau B2C
customer-field-industry = Domeniul
customer-field-acquisition_channel = Atras prin
customer-field-acquisition_cost = Costul de achiziție
customer-field-interests = Interese
customer-field-plan = Plan
customer-field-lifecycle_stage = Etapa în ciclul de viață
customer-field-source = Sistemul sursă

## The agency's people, tokens and audit log (rapport_app::access and the admins' pages).
role-admin = administrator al agenției
role-analyst = analist
role-viewer = cititor al clientului
access-web-session = sesiune web
audit-actor-cli = linia de comandă
audit-signed-in = s-a autentificat
audit-signed-out = s-a deconectat
audit-sign-in-failed = nu s-a putut autentifica
audit-sign-in-throttled = a fost refuzat după prea multe autentificări eșuate
audit-user-added = a adăugat o persoană
audit-user-removed = a eliminat o persoană
audit-token-created = a creat un token API
audit-token-revoked = a revocat un token
audit-report-made = a generat un raport
audit-report-downloaded = a descărcat un raport
audit-feedback-given = a dat feedback la un raport
audit-schedule-added = a adăugat o programare de raport
audit-schedule-removed = a eliminat o programare de raport
audit-upload-loaded = a încărcat un fișier trimis
cli-column-last-used = FOLOSIT ULTIMA DATĂ
cli-column-who = CINE
cli-column-action = ACȚIUNE
cli-column-subject = ASUPRA
web-column-email = E-mail
web-column-role = Rol
web-column-clients = Clienți
web-column-created = Adăugat
web-column-id = Nr.
web-column-label = Pentru
web-column-expires = Expiră
web-column-last-used = Folosit ultima dată
web-column-state = Stare
web-column-who = Cine
web-column-action = Ce
web-column-subject = Asupra
web-column-source = De unde
web-agency = Persoane
web-people-title = Persoane și acces
web-audit = Jurnal de audit
web-audit-newest = Cele mai noi { $count } înregistrări, întâi cele recente.
web-audit-more = Arată mai multe
web-not-admin = Doar administratorii agenției gestionează persoanele și tokenurile și citesc jurnalul de audit.
web-user-add = Adaugă o persoană
web-user-email = E-mailul persoanei
web-user-role = Rol
web-user-clients = Clienți (un analist: unul sau mai mulți; un cititor: exact unul; un administrator îi vede pe toți)
web-user-password = Prima parolă (cel puțin 12 caractere; comunicați-o pe alt canal)
web-user-added = { $email } a fost adăugat.
web-user-removed = { $email } a fost eliminat; tokenurile și sesiunile sale nu mai funcționează.
web-user-remove = Elimină
web-user-you = dvs.
web-tokens = Tokenuri API și sesiuni web
web-token-create = Creează un token API
web-token-for = Pentru cine
web-token-label = La ce folosește
web-token-expires = Expiră (un număr de zile, ca 90d, sau o dată, ca 2027-03-01; gol: niciodată)
web-token-secret = Tokenul pentru { $email }. Este afișat doar acum: copiați-l într-un manager de parole sau un depozit de secrete.
web-token-revoke = Revocă
web-token-revoked = Tokenul { $id } a fost revocat.
web-tokens-all = Arată și tokenurile revocate și expirate
web-tokens-working = Arată doar tokenurile valabile
web-tokens-none = Niciun token.

## Errors a library raises, said in the reader's language (messages::Said).
error-as-is = { $text }
error-schedule-no-target = indicați un dosar sau un URL smtp:// la care să fie livrat raportul
error-schedule-scheme = `{ $deliver }`: un raport se livrează într-un dosar sau prin e-mail (smtp:// sau smtps://), nu prin { $scheme }://
error-schedule-not-a-url = `{ $deliver }` nu este URL-ul unui server de e-mail ({ $reason })
error-schedule-no-host = `{ $deliver }` nu numește niciun server de e-mail (smtp://GAZDĂ:PORT)
error-schedule-password = `{ $deliver }` conține o parolă: catalogul nu este un loc pentru secrete și nu păstrează parole. Dați URL-ul fără ea și setați { $variable } acolo unde rulează programările
error-schedule-address = `{ $address }` nu este o adresă de e-mail ({ $reason }); scrieți-o ca nume@example.com sau "Nume <nume@example.com>"
error-schedule-no-sender = un raport trimis prin e-mail are nevoie de adresa expeditorului
error-schedule-no-recipient = un raport trimis prin e-mail are nevoie de cel puțin un destinatar
error-schedule-lang = `{ $lang }` nu este o limbă de raport (en, ro, zh-Hans, fa)
error-schedule-time = `{ $at }` nu este o oră precum 08:00 (format de 24 de ore, HH:MM)
error-schedule-timezone = `{ $timezone }` nu este un fus orar IANA (de exemplu Europe/Bucharest sau UTC)
error-schedule-day = { $day-text } nu este o zi a lunii: dați o zi de la 1 la 31 (o zi pe care luna nu o are înseamnă ultima ei zi)
error-schedule-not-rendered = raportul programat nu are un raport generat de livrat
error-schedule-no-files = raportul { $run } nu are fișiere de livrat
error-weak-password = o parolă are cel puțin { $min-text } caractere; aceasta are { $chars-text }
error-bad-expiry = `{ $text }` nu este o expirare: dați un număr de zile (90d) sau o dată (2027-03-01) de după azi
error-no-client = nu există clientul `{ $client }` aici
error-user-email = `{ $email }` nu este o adresă de e-mail precum ana@agency.example
error-user-viewer-clients = un cititor al clientului lucrează cu exact un client, nu cu { $count-text }
error-user-analyst-clients = un analist lucrează cu cel puțin un client; numiți-i pe cei cu care lucrează
error-user-admin-clients = un administrator vede toți clienții, deci nu i se atribuie niciun client
error-user-exists = utilizatorul `{ $email }` există deja
error-user-unknown = nu există utilizatorul `{ $email }`
error-token-unknown = nu există tokenul { $id }
error-rating = o notă este de la 1 la 5, nu { $rating }
error-self-removal = un administrator nu se poate elimina singur; o poate face alt administrator
error-unknown-customer = { $client } nu are cumpărătorul `{ $customer }` printre cumpărători, comenzi sau abonamente (un id sau un e-mail folosit ca id)
error-upload-loaded = fișierul trimis `{ $upload }` a fost deja încărcat; trimiteți-l din nou pentru a-l încărca din nou
probability-under = sub { $share }
probability-over = peste { $share }
error-missing-columns = `{ $input }` nu are coloanele de care are nevoie { $entity }: { $missing }. Are: { $available }.
error-unreadable = `{ $input }` nu poate fi citit: { $reason }
error-no-preset = Niciun șablon nu citește `{ $file }` și nu ați ales ce tip de date conține, așa că nu s-a încărcat nimic. Alegeți ce conține fișierul sau cereți unui analist o mapare.
web-upload-closest = Cele mai apropiate șabloane:
web-upload-near = { $preset } ({ $entity }) nu are { $missing }
error-period = `{ $label }` nu este o perioadă: folosiți o lună (2026-10), un trimestru (2026-Q3), un an (2026), o săptămână (2026-W41) sau un interval de date (2026-08-01..2026-10-31)
error-period-solar = `{ $label }` nu este o perioadă: folosiți o lună din calendarul solar hegirian (1405-08 este Aban 1405), un trimestru (1405-Q3), un an (1405), o săptămână (1405-W31) sau un interval de date (1405-08-01..1405-08-30)
error-busy = Serverul calculează alte cereri; încercați din nou peste câteva secunde.
error-internal = Serverul a eșuat; jurnalul său spune de ce. Anunțați agenția și încercați din nou mai târziu.
web-tokens-newest = Sunt afișate cele mai noi { $count-text }; `rapport token list` le arată pe toate.
