# Rapport's report messages, English.
# Numbers arrive already written for the language ($now, $before, $pct);
# a count arrives as a number for plurals ($rows) and as text ($rows-text).

## Titles and headings

title-monthly = Monthly customer report
title-quarterly = Quarterly customer report
section-summary = Summary
section-kpis = Headline numbers
section-findings = What went well, and what needs attention
section-trends = Trends
section-breakdowns = Breakdowns
section-funnel = Funnel
section-cohorts = Cohorts
section-forecast = Forecast
section-predictions = Outlook
section-actions = Recommended actions
section-data_quality = Data quality
section-triangulation = Sources compared
section-feedback = Your feedback
section-glossary = Glossary
findings-went-well = What went well
findings-needs-attention = What needs attention
label-contents = Contents
label-prepared-by = Prepared by { $agency }
label-prepared-for = Prepared for { $client }
label-made-with-rapport = Made with Rapport
label-as-of = Data as of { $date }
label-period = Period
label-previous = Previous period
label-compared = Compared with
label-year-ago = A year earlier
label-target = Target
label-benchmark = Benchmark
label-interval = 95 % interval
label-based-on = Based on { $n-text } { $n ->
    [one] record
   *[other] records
  }
label-customer = Customer
label-clv = Lifetime value
label-p-alive = Chance still active
label-repeat-orders = Repeat orders
label-call-list = Customers most worth a call
label-source = Source
label-last-loaded = Last loaded
label-rows = Rows loaded
label-quarantined = Quarantined
label-reason = Reason
label-example = Example
label-missing = Not measured
label-because = Because of
label-rule = Rule
# Two parts of one line, such as a value and its change ("31.20 % · up 2.1
# percentage points"); the separator is the language's own.
text-pair = { $first } · { $second }
# Two clauses of one sentence, joined by the language's semicolon.
text-clauses = { $first }; { $second }
# A value under its label, as a chart's text alternative lists them.
text-labelled = { $label }: { $value }
# Under a recommended action: the metrics that triggered it and the rule.
action-basis = Because of: { $metrics } · Rule: { $rule }
label-page = Page
label-report-id = Report { $id }
label-report-run = Report { $run } ({ $id })
label-notice = Please note
label-status-good = Good news
label-status-bad = Needs attention
label-status-neutral = No clear change
chart-this-year = This year
chart-year-before = Year before
chart-report-period = Report period
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
chart-forecast = Forecast
chart-observed = Observed
chart-interval-80 = 80 % interval
chart-interval-95 = 95 % interval
chart-months-since-first = { $activity ->
    [subscriptions] Months since the first subscription
   *[orders] Months since the first purchase
}
chart-average = Average
label-unavailable = Not shown
label-annotations = What happened (numbered on the charts)
label-tolerance = Tolerance
label-gap = Gap
label-flagged = Beyond tolerance
label-within = Within tolerance
label-likely-causes = Likely causes

## Values and tones

value-none = n/a
tone-no-comparison = No comparison
tone-unchanged = Unchanged
tone-not-significant = No significant change
tone-better-significant = Better (significant)
tone-worse-significant = Worse (significant)
tone-better-untested = Better (no test applies)
tone-worse-untested = Worse (no test applies)
tone-up = Up
tone-down = Down
tone-up-untested = Up (no test applies)
tone-down-untested = Down (no test applies)
target-met = Target { $target }: met
target-missed = Target { $target }: not met
target-set = Target { $target }
benchmark-better = Better than the benchmark of { $benchmark } ({ $source })
benchmark-worse = Worse than the benchmark of { $benchmark } ({ $source })
benchmark-level = Level with the benchmark of { $benchmark } ({ $source })
unit-percent = %
unit-points = points
unit-count = count
unit-ratio = ratio
unit-score = score
unit-seconds = time

## Findings

finding-rose-significant = { $metric } rose from { $before } in { $period } to { $now } (significant, { $p }).
finding-fell-significant = { $metric } fell from { $before } in { $period } to { $now } (significant, { $p }).
finding-rose-untested = { $metric } rose { $pct } % from { $before } in { $period } to { $now } (no significance test applies).
finding-fell-untested = { $metric } fell { $pct } % from { $before } in { $period } to { $now } (no significance test applies).
finding-with-why = { $finding } { $why }
finding-target-met = { $metric } is { $now }, meeting its target of { $target }.
finding-target-missed = { $metric } is { $now }, short of its target of { $target }.
finding-benchmark-better = { $metric } is { $now }, better than the benchmark of { $benchmark } ({ $source }).
finding-benchmark-worse = { $metric } is { $now }, worse than the benchmark of { $benchmark } ({ $source }).
findings-none-well = Nothing improved clearly this period: no measure rose significantly, and no target was met.
findings-none-attention = Nothing needs urgent attention: no measure worsened significantly, and no target was missed.
finding-why-repeat_purchase_rate-worse = Fewer customers came back to buy again.
finding-why-repeat_purchase_rate-better = More customers came back to buy again.
finding-why-churn_rate-worse = More customers stopped buying.
finding-why-churn_rate-better = Fewer customers stopped buying.
finding-why-nps-worse = Fewer customers would recommend the business.
finding-why-nps-better = More customers would recommend the business.
finding-why-csat-worse = Fewer customers were satisfied with their experience.
finding-why-csat-better = More customers were satisfied with their experience.
finding-why-conversion_rate-worse = Fewer visits ended in a purchase.
finding-why-conversion_rate-better = More visits ended in a purchase.
finding-why-active_customers-worse = The customer base shrank.
finding-why-active_customers-better = The customer base grew.
finding-why-aov-worse = Customers spent less per order.
finding-why-aov-better = Customers spent more per order.
finding-why-cart_abandonment_rate-worse = More shoppers left items in their cart.
finding-why-cart_abandonment_rate-better = Fewer shoppers left items in their cart.

## Trends

trend-title = { $metric } by month ({ $unit })
trend-alt = Line chart of { $metric } by month from { $from } to { $to }, with the same months a year earlier: { $values }.

## Charts

chart-unavailable = { $chart }: { $reason }
chart-no-groups = no group has a value in the period
bars-alt = Bar chart, { $title }: { $values }.
breakdown-title = { $metric } by { $by }
breakdown-caption = In { $period }, { $top } leads with { $value }.
funnel-title = The funnel
funnel-chart-title = Visitors at each step, { $period }
funnel-no-events = no `{ $step }` events in the period
funnel-first-step = { $event }: { $count }
funnel-step = { $event }: { $count } ({ $share } of the step before)
funnel-sentence = Of { $first } visitors at the first step, { $last } reached the last ({ $share }); the step that keeps fewest is { $worst }, which { $kept } of the step before reach.
cohorts-title = The cohort heat map
cohorts-chart-title = Customers still active, by month of first { $activity } (%)
cohorts-alt = Heat map of { $cohorts-text } monthly cohorts: the share of each still active in each month after its first. { $sentence }
cohorts-sentence = On average over { $cohorts-text } cohorts, { $month1 } of new customers are active again a month after their first month, and { $month3 } three months after.
forecast-title = The forecast
forecast-metric-revenue = Revenue
forecast-metric-orders = Orders
forecast-metric-buyers = Buyers
forecast-chart-title = { $metric } by month, with the forecast ({ $unit })
forecast-alt = Line chart of { $metric } by month and its forecast with 80 % and 95 % intervals. { $sentence }
forecast-sentence = { $metric } in { $period } is forecast at { $value }, most likely (80 %) between { $low } and { $high }.
forecast-model = The model ({ $model }) was chosen among exponential smoothing forms by how well it fits { $months-text } months of history; the further ahead, the wider the range.
clv-distribution-title = Customers by lifetime value
clv-distribution-caption = Lifetime value of the { $customers-text } customers the purchase model knows: what each is expected to spend from now on.
risk-distribution-title = Customers by chance still active
risk-distribution-caption = Customers below 30 % have most likely stopped buying; those between 30 % and 70 % are at risk.

## Predictions

model-purchase = The purchase model
model-retention = The retention curve
predict-orders = In { $period }, the purchase model expects { $orders } orders worth { $revenue } from the { $customers-text } customers seen so far.
predict-backtest = Fitted on the data before { $period }, the same model { $direction } that period's orders by { $error } %: read the outlook with that margin.
predict-over = overestimated
predict-under = underestimated
predict-no-backtest = The model could not be checked against a past period, so treat the outlook as a rough guide.
predict-at-risk = { $customers-text } { $customers ->
    [one] customer has
   *[other] customers have
  } less than a 30 % chance of still being active.
predict-call-list = The { $customers-text } { $customers ->
    [one] customer
   *[other] customers
  } below bought most, but may have stopped buying: a call now may keep them.
predict-call-list-empty = No high-value customer is at high risk of having stopped buying.
predict-retention = The retention curve, fitted on { $cohorts-text } monthly cohorts of subscribers, expects { $month1 } of new subscribers to stay past their first month and { $month12 } past a year.
predict-mean-churn = On average, { $churn } of subscribers cancel each month.
predict-unavailable = { $model } gave no result: { $reason }
predict-reason-degenerate = the data do not pin down its parameters (too few customers buy again, or they all buy alike)
predict-reason-not-converged = fitting it did not settle on an answer

## Notices

notice-incomplete = { $period } had not ended on { $as_of }: its numbers are partial and will change.
notice-stale = { $source } was last loaded on { $loaded }, before { $period } ended: its numbers may be incomplete.

## Data quality

entity-customers = Customers
entity-orders = Orders
entity-order_items = Order lines
entity-subscriptions = Subscriptions
entity-survey_responses = Survey responses
entity-support_tickets = Support tickets
entity-web_events = Website events
entity-marketing_spend = Ad spend
entity-email_campaigns = E-mail campaigns
entity-email_activity = E-mail activity
entity-social_posts = Social posts
entity-annotations = Annotations
entity-targets = Targets
entity-exchange_rates = Exchange rates

dq-source = { $source }: last loaded { $loaded }, { $rows-text } { $rows ->
    [one] row
   *[other] rows
  } kept, { $quarantined-text } quarantined.
dq-source-stale = { $source }: last loaded { $loaded }, before the period ended; { $rows-text } { $rows ->
    [one] row
   *[other] rows
  } kept, { $quarantined-text } quarantined.
dq-no-data = no data

# What a quarantine rule asks (the ingest's rule codes), in the data quality table.
rule-type = not of the column's type
rule-required = a required value is empty
rule-time_order = a date earlier than the date it must follow
rule-survey_scale = an impossible survey scale
rule-out_of_scale = a score outside the survey's scale
rule-malformed_row = a line the file's format cannot read
rule-key_conflict = a record loaded before with other values
rule-non_negative = a negative amount or count
rule-positive = a value that must be above zero
rule-allowed_values = not one of the allowed values
rule-currency_code = not a three-letter currency code
rule-plausible_year = an implausible year
rule-period_label = not a period label
rule-parent_quarantined = its order (the row it belongs to) was quarantined
dq-none-quarantined = Every row loaded passed its checks; none is quarantined.
dq-quarantined = { $rows-text } { $rows ->
    [one] row
   *[other] rows
  } failed a check and { $rows ->
    [one] is
   *[other] are
  } quarantined, not counted: the most common reasons are below.
dq-metrics-with-data = { $with-text } of { $all-text } measures have data for this period.

## Actions

action-retention_fell = { $metric } worsened: find out which customers stopped buying and win them back with a personal offer.
action-retention_fell-call = { $metric } worsened: call the { $customers-text } { $customers ->
    [one] customer
   *[other] customers
  } on the call list first, the most valuable of those at risk.
action-satisfaction_fell = { $metric } worsened: read what unhappy customers wrote this period and fix the most common complaint.
action-conversion_fell = { $metric } worsened: check the step of the website where most visitors leave, and test a simpler version.
action-revenue_fell = { $metric } worsened: check which channel or product fell, and whether prices or promotions changed.
action-marketing_fell = { $metric } worsened: move budget from the campaigns with the weakest return to the strongest.
action-service_fell = { $metric } worsened: look at the support queue for the cases that took longest, and why.
action-metric_fell = { $metric } worsened: look into what changed this period.
action-target_missed = { $metric } missed its target: agree a plan and a date to reach it.
action-call_list = Call the { $customers-text } { $customers ->
    [one] customer
   *[other] customers
  } on the call list before they lapse.
action-stale_source = Load { $source } again: it was last loaded on { $loaded }, before the period ended.
action-quarantine = Correct the { $rows-text } quarantined { $rows ->
    [one] row
   *[other] rows
  } (most are in { $source }, column { $column }) and load them again.

## Triangulation

tri-quantity-revenue_orders_web = Revenue: orders against website purchases
tri-quantity-revenue_orders_ads = Revenue: orders against ad platforms
tri-quantity-orders_purchase_events = Orders against website purchase events
tri-quantity-email_clicks_sessions = E-mail clicks against website visits from e-mail
tri-quantity-surveys_tickets = Support survey answers against tickets resolved
tri-quantity-new_customers = New customers: customer list against first orders
tri-order-revenue = revenue of completed orders
tri-web-revenue = revenue of website purchases
tri-ad-value = conversion value the ad platforms report
tri-orders = completed orders
tri-purchase-events = website purchase events
tri-email-clicks = e-mail clicks
tri-email-sessions = website visits from e-mail
tri-support-answers = survey answers after support
tri-tickets-resolved = tickets resolved
tri-customers-created = customers added to the customer list
tri-first-orders = customers with their first order
tri-equal-ok = The { $a } ({ $a_value }) and the { $b } ({ $b_value }) differ by { $gap }, within the tolerance of { $tolerance }.
tri-equal-flagged = The { $a } ({ $a_value }) and the { $b } ({ $b_value }) differ by { $gap }, more than the tolerance of { $tolerance }.
tri-at-most-ok = The { $a } ({ $a_value }) are { $share } of the { $b } ({ $b_value }), as expected: not every customer answers.
tri-at-most-flagged = The { $a } ({ $a_value }) outnumber the { $b } ({ $b_value }) by { $gap }, which should not happen if surveys follow tickets.
tri-cause-revenue_orders_web-1 = Refunded and cancelled orders are left out of orders but may stay in the website's purchases.
tri-cause-revenue_orders_web-2 = Orders by phone, in a marketplace or in a shop never reach the website's tracking.
tri-cause-revenue_orders_web-3 = Ad blockers and declined cookie banners hide website purchases.
tri-cause-revenue_orders_web-4 = Different time zones move orders near midnight into another day.
tri-cause-revenue_orders_ads-1 = Ad platforms count a purchase within their attribution window (often 7 days after a click, 1 day after a view), and each platform claims the same purchase.
tri-cause-revenue_orders_ads-2 = Ad platforms report value before refunds and may include tax and shipping.
tri-cause-revenue_orders_ads-3 = Orders that no ad led to are in orders only.
tri-cause-orders_purchase_events-1 = Orders placed outside the website, or with tracking blocked, have no purchase event.
tri-cause-orders_purchase_events-2 = A reloaded confirmation page sends a purchase event twice.
tri-cause-orders_purchase_events-3 = Bot and test traffic can create purchase events.
tri-cause-email_clicks_sessions-1 = One click can open several visits, and visits from a forwarded e-mail have no click.
tri-cause-email_clicks_sessions-2 = Links without UTM tags are counted as direct visits, not e-mail.
tri-cause-email_clicks_sessions-3 = Security scanners at the recipient's company click links automatically.
tri-cause-surveys_tickets-1 = Several surveys were sent for one ticket, or surveys were sent for cases not in the ticket export.
tri-cause-surveys_tickets-2 = The survey's touchpoint is set to support for answers not about a ticket.
tri-cause-new_customers-1 = Customers who sign up without buying are in the customer list only.
tri-cause-new_customers-2 = Guest checkouts buy without entering the customer list.
tri-cause-new_customers-3 = A customer imported from an older system keeps its original sign-up date.
action-triangulation = { $quantity } disagree: check { $a } against { $b }. { $cause }

## Feedback

feedback-recorded = Feedback { $id } on report { $run } ({ $period }) recorded: { $rating } of 5. The client's next report answers it.
feedback-answered = answered in report { $run }
feedback-unanswered = not answered yet
feedback-link = Tell us what you think of this report, and what the next one should show:
feedback-answer = You rated the report for { $period } { $rating } of 5. Thank you: tell us what would make the next one more useful.
feedback-answer-comment = On the report for { $period } you wrote: “{ $comment }” (rated { $rating } of 5). We read it, and this report is made with it in mind; reply if it still misses what you need.

## Summary

summary-overview = Of { $kpis-text } headline { $kpis ->
    [one] measure
   *[other] measures
  }, { $better-text } moved the right way and { $worse-text } the wrong way against { $period }.
summary-overview-none = None of the { $kpis-text } headline { $kpis ->
    [one] measure
   *[other] measures
  } moved clearly against { $period }: none of their changes was significant, and none reached 10 % untested.
summary-best = { $scope ->
    [other] Outside the headline measures, the best news
   *[headline] The best news
  }: { $finding }
summary-worst = { $scope ->
    [other] Outside the headline measures, the main problem
   *[headline] The main problem
  }: { $finding }
summary-certainty = A change is called significant only where a statistical test finds it at the 95 % level; other changes may be chance.
summary-certainty-backtest = A change is called significant only where a statistical test finds it at the 95 % level; the outlook's model was off by { $error } % when checked on this period.
summary-quality = { $rows-text } { $rows ->
    [one] row was
   *[other] rows were
  } quarantined and { $missing-text } headline { $missing ->
    [one] measure has
   *[other] measures have
  } no data; see Data quality.

## Glossary

term-significant = Significant
term-significant-meaning = A statistical test says the change is unlikely to be chance (at the 95 % level); "p" is how likely a change this large would be by chance alone.
term-interval = 95 % interval
term-interval-meaning = The range the true value lies in with 95 % confidence, given how many customers answered or bought.
term-percentage-point = Percentage point
term-percentage-point-meaning = The difference between two percentages: from 20 % to 22 % is 2 percentage points (a 10 % rise).
term-untested = No test applies
term-untested-meaning = A total such as revenue counts everything, not a sample, so no test can say whether its change is more than ordinary variation; Rapport names such a change only when it is at least 10 %.
term-nps = Net Promoter Score (NPS)
term-nps-meaning = The share of customers who would recommend the business (9–10 of 10) minus the share who would not (0–6), from −100 to 100.
term-csat = Customer satisfaction (CSAT)
term-csat-meaning = The share of customers who rated their experience 4 or 5 of 5.
term-ces = Customer effort score (CES)
term-ces-meaning = How easy customers found it to get what they needed, on average; higher is easier.
term-churn = Churn rate
term-churn-meaning = The share of the customers at the start of the period who stopped being customers during it.
term-active-customer = Active customers
term-active-customer-meaning = Customers with a live subscription, or whose last order is recent enough to count them as current.
term-conversion = Conversion rate
term-conversion-meaning = The share of website visits that ended in a purchase.
term-fcr = First contact resolution
term-fcr-meaning = The share of support cases solved on the first contact.
term-custom = Your own measures
term-custom-meaning = Measures defined for this business as queries over its data; they are compared with earlier periods, but no significance test applies to them.
term-target = Target
term-target-meaning = A value agreed for a measure to reach in the period.
term-benchmark = Benchmark
term-benchmark-meaning = A value from a comparable business or study, with its source, to put a number in context.
term-clv = Customer lifetime value (CLV)
term-clv-meaning = What a customer is expected to spend from now on, discounted to today's money.
term-p-alive = Chance still active
term-p-alive-meaning = The model's probability that a customer has not quietly stopped buying, from how often and how recently they bought.
term-backtest = Back-test
term-backtest-meaning = The model fitted on older data and asked to predict a period that has already happened, to show how far off it can be.
term-retention-curve = Retention curve
term-retention-curve-meaning = The share of new subscribers still subscribed after each month, projected from past cohorts.
term-cohort = Cohort
term-cohort-meaning = The customers who first bought (or subscribed) in the same month, followed over the months after.
term-funnel = Funnel
term-funnel-meaning = The steps from a visit to a purchase, and how many visitors reach each one.
term-forecast-interval = 80 % and 95 % intervals
term-forecast-interval-meaning = The range the future value falls in with 80 % (or 95 %) probability, if the past pattern holds.
term-triangulation = Sources compared
term-triangulation-meaning = The same quantity counted by two of your systems; a gap beyond the tolerance means one of them misses or double-counts something.
term-quarantine = Quarantined rows
term-quarantine-meaning = Rows of the client's exports that failed a check (a missing date, an impossible score); they are kept aside and not counted until corrected.

## Delivery: the e-mail a scheduled report goes out in, and what a scheduler run says

mail-subject = { $client }: { $title }, { $period }
mail-intro-attached = Your report for { $period } is attached: a PDF to read or print, and the same report as a web page to open in any browser.
mail-intro-inline = Your report for { $period } follows, and is attached as a PDF to read or print.
mail-notices = Please note:
mail-summary = In short:
mail-sign-off = Reply to this e-mail to tell us what would make the next report more useful.
schedule-delivered = { $client }, { $period }: report { $run } delivered to { $to }.
schedule-delivered-stale = { $client }, { $period }: report { $run } delivered to { $to }, with a notice that { $sources } { $count ->
    [one] was
   *[other] were
  } not loaded since the period ended.
schedule-waiting = { $client }, { $period }: waiting until { $until } for { $sources }, not loaded since the period ended.
schedule-awaiting-approval = { $client }, { $period }: report { $run } waits for approval: `rapport report approve { $client-id } { $run }` sends it, `rapport report reject { $client-id } { $run }` does not.
schedule-failed = { $client }, { $period }: not delivered: { $reason }. The next `rapport schedule run` tries again.
schedule-busy = { $client }, { $period }: another process is working on it.
schedule-rejected = { $client }, { $period }: report { $run } rejected; it will not be sent.
schedule-nothing-due = Nothing due: every schedule's latest report is delivered, rejected or waiting for approval.

## Words: periods, dates, durations and changes, as every front end writes them

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
period-month = { $month } { $year }
period-quarter = Q{ $quarter } { $year }
period-week = week { $week } of { $year }
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
date-time = { $date }, { $time } { $zone }
duration-seconds = { $n } s
duration-minutes = { $n } min
duration-hours = { $n } h
duration-days = { $n } d
change-points-short = { $n } pt
change-percentage-points = { $n } percentage points
change-points = { $n ->
    [one] { $n-text } point
   *[other] { $n-text } points
  }
change-none = no value for { $period } to compare with
change-unchanged = unchanged from { $period }
change-moved = { $direction ->
    [up] up
   *[down] down
  } { $size } from { $period }{ $verdict ->
    [significant] , significant
    [not-significant] , not significant
   *[untested] {""}
  }
metric-missing = { $metric }: n/a ({ $reason })
metric-no-data = no data

## Why a metric has no value (METRICS.md: missing, never 0); rapport_metrics::Why
missing-undefined = the value is undefined (a division by zero)
missing-not-computed = not computed
missing-no-nps-responses = no NPS responses in the period
missing-no-csat-responses = no CSAT responses in the period
missing-no-ces-responses = no CES responses in the period
missing-ces-scales = CES responses on several scales ({ $low-a }–{ $high-a } and { $low-b }–{ $high-b }) cannot be averaged together
missing-no-subscriptions-loaded = no subscriptions loaded
missing-no-orders-loaded = no completed orders loaded
missing-before-first-activity = the period ends before the first customer's first activity
missing-no-active-subscriptions = no subscriptions were active at the start of the period
missing-no-recent-customers = no customer had ordered within the inactivity window before the period
missing-no-dormant-customers = no customer went dormant in the period, so the quick ratio is undefined
missing-no-orders = no completed orders in the period
missing-order-currencies = orders are in several currencies ({ $first } … { $last }); load exchange rates (`rapport ingest CLIENT exchange_rates rates.csv`) to convert them
missing-not-attributed = this data is not attributed to customers, so it has no value for a segment
missing-no-spend-rows = no marketing spend rows in the period
missing-no-impressions = no impressions in the period
missing-no-clicks = no clicks in the period
missing-spend-currencies = ad spend is in several currencies ({ $currencies }); load exchange rates (`rapport ingest CLIENT exchange_rates rates.csv`) to convert it
missing-no-conversions-column = the spend data has no conversions column
missing-no-conversion-value = the spend data has no conversion value
missing-no-conversions = no conversions in the period
missing-no-spend = no spend in the period
missing-no-campaigns = no e-mail campaigns delivered in the period
missing-no-posts-with-followers = no social posts with followers in the period
missing-no-posts-with-reach = no social posts with reach in the period
missing-no-sessions = no web sessions in the period
missing-no-carts = nobody added to the cart in the period (or every cart is less than a day old)
missing-no-tickets-opened = no tickets opened in the period
missing-no-tickets-resolved = no tickets resolved in the period
missing-no-contact-counts = no resolved tickets with a contact count in the period
missing-no-escalation-flags = no tickets with an escalation flag opened in the period
missing-no-first-responses = no tickets with a first response opened in the period
missing-no-churn = no churn in the period, so the expected lifetime is undefined
missing-no-new-customers = no new customers in the period
missing-clv-cac-currencies = CLV is in { $clv } and ad spend in { $spend }; load exchange rates (`rapport ingest CLIENT exchange_rates rates.csv`) to compare them
missing-cac-zero = the customer acquisition cost is 0
missing-input = { $metric } has no value: { $cause }
missing-no-column = no `{ $by }` column in { $entity }
missing-customers-not-split = customers are not split by `{ $by }`; use `--by customer.{ $by }` for a customer attribute
missing-no-query-value = the query returned no value for the period

## What a client's data lacks for a model (rapport_predict::Lack)
lack-no-orders = `{ $client }` has no completed orders; load orders with `rapport ingest { $client } orders FILE`
lack-no-orders-before = `{ $client }` has no completed orders before { $day }; load orders with `rapport ingest { $client } orders FILE`
lack-no-order-items = `{ $client }` has no order items of completed orders; load them with `rapport ingest { $client } order_items FILE`
lack-customer-without-items = customer `{ $customer }` has no completed orders with items in `{ $client }`
lack-no-subscriptions = `{ $client }` has no subscriptions; load them with `rapport ingest { $client } subscriptions FILE`
lack-nothing-to-forecast = no completed orders to forecast from
lack-too-few-periods = `{ $client }` has { $have-text } complete { $have ->
    [one] period
   *[other] periods
} of data; a forecast needs at least { $need-text }
lack-broken-series = { $metric } has no value in { $period } ({ $why }); a forecast needs an unbroken series
lack-too-few-active = { $at-cutoff-text } active customers at the cutoff and { $later-text } a window later; at least { $need-text } each are needed
lack-order-currencies = the completed orders are in several currencies ({ $currencies }); spend per customer needs one currency, so convert the orders before predicting
list-more = { $list } … and { $n-text } more

## Metric names (METRICS.md); a custom metric keeps the name its definition gives

metric-nps = Net Promoter Score
metric-csat = Customer satisfaction (top-2-box)
metric-ces = Customer effort score (mean)
metric-customers_start = Customers at start
metric-customers_end = Customers at end
metric-new_customers = New customers
metric-churn_rate = Churn rate
metric-retention_rate = Retention rate
metric-net_customer_growth = Net customer growth
metric-active_customers = Active customers
metric-lifecycle_new = Lifecycle: new
metric-lifecycle_returning = Lifecycle: returning
metric-lifecycle_resurrecting = Lifecycle: resurrecting
metric-lifecycle_dormant = Lifecycle: dormant
metric-quick_ratio = Quick ratio
metric-revenue = Revenue
metric-orders = Orders
metric-aov = Average order value
metric-purchase_frequency = Purchase frequency
metric-repeat_purchase_rate = Repeat purchase rate
metric-clv_simple = Customer lifetime value (simple)
metric-cac = Customer acquisition cost
metric-clv_cac_ratio = CLV:CAC
metric-impressions = Impressions
metric-clicks = Clicks
metric-spend = Spend
metric-ctr = Click-through rate
metric-cpc = Cost per click
metric-cpm = Cost per 1,000 impressions
metric-cpa = Cost per acquisition
metric-roas = Return on ad spend
metric-conversion_rate = Conversion rate
metric-email_open_rate = E-mail open rate
metric-email_ctr = E-mail click-through rate
metric-social_engagement_rate = Social engagement rate (followers)
metric-social_engagement_rate_reach = Social engagement rate (reach)
metric-sessions = Sessions
metric-avg_session_duration = Average session duration
metric-engagement_rate = Engagement rate (GA4)
metric-bounce_rate = Bounce rate (GA4)
metric-bounce_rate_single_page = Bounce rate (single page)
metric-cart_abandonment_rate = Cart abandonment rate
metric-tickets_opened = Tickets opened
metric-tickets_resolved = Tickets resolved
metric-fcr = First-contact resolution
metric-escalation_rate = Escalation rate
metric-first_response_time = First response time (mean)
metric-resolution_time = Resolution time (mean)

## Cohorts and breakdowns: what a cohort's first activity is, and the attributes a breakdown splits by

cohort-activity-orders = order
cohort-activity-subscriptions = subscription
attribute-channel = channel
attribute-country = country
attribute-city = city
attribute-segment = segment
attribute-device = device
attribute-source = source
attribute-campaign = campaign
attribute-plan = plan
attribute-category = category
attribute-platform = platform

## The command line and the server (reports never show these)

# A load's headline: what was read, kept, quarantined and already there.
load-summary = { $client }/{ $entity } from { $source }: { $read-text } { $read ->
        [one] row
       *[other] rows
    } read, { $loaded-text } loaded{ $replaced ->
        [0] {""}
        [one] {" "}({ $replaced-text } replacing an earlier row)
       *[other] {" "}({ $replaced-text } replacing earlier rows)
    }, { $quarantined-text } quarantined, { $duplicates-text } already loaded{ $kept ->
        [0] {""}
        [one] {" "}({ $kept-text } kept as another source loaded it)
       *[other] {" "}({ $kept-text } kept as another source loaded them)
    }{ $continued ->
        [0] {""}
        [one] , { $continued-text } continuation line of the record above it
       *[other] , { $continued-text } continuation lines of the record above them
    }{ $merged ->
        [0] {""}
        [one] , { $merged-text } line merged with another of the same key (the latest wins)
       *[other] , { $merged-text } lines merged with others of the same key (the latest wins)
    } ({ $seconds } s, { $rate } rows/s)
# One rule that quarantined rows, before its first example; without a
# column when the rule is about the whole row.
load-problem = { $rows ->
        [one] { $rows-text } row
       *[other] { $rows-text } rows
    } broke `{ $rule }` in { $column }
load-example-row = row { $row-text }
load-example-value = row { $row-text }: { $value }
load-problem-any-column = { $rows ->
        [one] { $rows-text } row
       *[other] { $rows-text } rows
    } broke `{ $rule }`
load-totals-skipped = { $n ->
        [one] { $n-text } summary row
       *[other] { $n-text } summary rows
    } of the export (totals) skipped
load-quarantine-file = quarantined rows: { $file }
load-columns-not-read = columns not read: { $columns }
load-columns-ignored = { $n ->
        [one] { $n-text } more column left out on purpose by the mapping's [ignore] list
       *[other] { $n-text } more columns left out on purpose by the mapping's [ignore] list
    }
cli-demo-intro = Rapport demo: three clients, { $from } to { $to }, seed { $seed }.
demo-client = { $name } ({ $id }, { $kind ->
        [shop] online shop
        [saas] subscription SaaS
       *[services] local services
    }): exports in { $dir }
cli-demo-export-preset = { $file } (preset { $preset })
cli-demo-totals = In all: { $read } rows read (a row once for each entity it fills), { $loaded } loaded, { $quarantined } quarantined, { $duplicates } duplicates skipped, { $items } joined to a record another line gives, in { $seconds } s.
cli-demo-workspace = Workspace: { $dir }   (raw exports in { $exports }, quarantined rows in { $quarantine })
cli-demo-metrics = Metrics (last month against the month before; every metric of METRICS.md):
cli-demo-predictions = Predictions:
cli-demo-serve-note = the web pages, read as of the data's end (add a user first: rapport user add --help)
cli-demo-explore = Explore further: cohorts, funnels, comparisons, A/B tests, what customers say, SQL:
cli-demo-solar-month = { $month }, a Solar Hijri month
cli-demo-preset-note = how the Shopify export above was read
cli-demo-reports = Reports (last whole quarter, HTML, PDF and JSON; { $seconds } s):
cli-more = more
cli-no-report = { $client }: no report: { $error }
cli-no-clients = No clients yet; add one with `rapport client add ID --name NAME`.
cli-column-id = ID
cli-column-name = NAME
cli-column-calendar = CALENDAR
cli-column-week-from = WEEK FROM
cli-metrics-period = { $client } · { $period } ({ $from } to { $to })
cli-metrics-incomplete = period not over yet
cli-metrics-compared = compared with { $period } ({ $from } to { $to })
cli-metrics-segment = segment: { $segment }
cli-column-metric = metric
cli-column-value = value
cli-column-interval = 95% CI
cli-column-previous = previous
cli-column-change = change
cli-target = target { $value }
cli-target-met = target { $value } met
cli-target-missed = target { $value } missed

## Command line: names of groups, calendars, days and tests
metric-group-survey = survey
metric-group-customer-base = customer base
metric-group-value = value
metric-group-marketing = marketing
metric-group-social = social
metric-group-support = support
metric-group-web = web
calendar-gregorian = Gregorian
calendar-solar-hijri = Solar Hijri
weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday
test-two_proportion_z = two-proportion z-test
test-welch_t = Welch's t-test
test-nps_margin = NPS margin of error
test-poisson_rate = Poisson rate test

## Command line: targets
cli-target-set = target of { $metric } for { $client } in { $period }: { $value }
cli-targets-none = { $client } has no targets; set one with `rapport target set { $client } METRIC PERIOD VALUE` or load them as the `targets` entity
cli-column-period = period
cli-column-target = target
cli-column-origin = origin
cli-target-origin-set = set { $day }
cli-target-origin-loaded = loaded from { $source }
cli-target-overridden = (overridden by the one set)

## Command line: cohorts and funnels
cli-cohorts-title = { $client } · cohorts by { $unit ->
    [week] week
   *[month] month
} of first { $activity ->
    [subscriptions] subscription
   *[orders] order
} · { $criteria ->
    [on-or-after] active in that period or later
   *[on] active in exactly that period
}, % { $reference ->
    [previous] of the period before
   *[first] of the cohort's size
}
cli-cohorts-none = no customers yet
cli-column-cohort = cohort
cli-column-size = size
cli-cohorts-legend = … period not over yet (not a drop); average weighted by cohort size over complete cells
cli-funnel-title = { $client } · funnel of { $per ->
    [session] sessions
   *[person] people
} entering in { $period } · steps { $order ->
    [strict] strictly in order
    [any] in any order
   *[ordered] in order
} within { $window }
cli-column-step = step
cli-column-event = event
cli-column-count = count
cli-column-from-previous = from prev
cli-column-from-first = from 1st
cli-column-dropped = dropped
cli-column-in-progress = in progress
cli-column-median-time = median time
cli-funnel-excluded = { $per ->
    [session] sessions
   *[person] people
} removed for doing { $events } between steps: { $count }
cli-funnel-cart = cart abandonment: { $rate } ({ $converted } of { $carts } carts bought within the cart window, by { $units } of { $all } { $per ->
    [session] sessions
   *[person] people
}; { $open } still inside it)

## Command line: comparisons and A/B tests
cli-compare-title = { $client } · { $metric } by { $by } · { $period }
cli-column-attribute-value = value
cli-column-spend = spend
cli-column-vs-best = vs best
cli-compare-best = best
cli-compare-footnote = * differs from the best at 95 % ({ $test }, Holm-adjusted for { $comparisons ->
    [one] one comparison
   *[other] { $comparisons-text } comparisons
})
cli-note = note: { $text }
cli-abtest-title = { $client } · A/B test of { $metric } · { $period }
cli-interval = (95% CI { $low }–{ $high })
cli-abtest-lift = lift of B over A: { $lift } %
cli-abtest-lift-interval = lift of B over A: { $lift } % (95% CI { $low } % to { $high } %)
cli-abtest-significant = { $test }: { $p } → the difference is significant at 95 %
cli-abtest-not-significant = { $test }: { $p } → not significant at 95 %: the data cannot tell the arms apart
cli-abtest-no-test = no test of difference
cli-abtest-bayes = P(B > A) = { $probability } %; expected loss choosing B { $loss-b } pt, choosing A { $loss-a } pt
cli-metrics-footnote = * significant at 95 %; changes of rates are in percentage points

## Notes on how a result was made
note-split-by-column = split by the `{ $by }` column of { $entities }; metrics of { $unsplit } are not split
note-split-by-column-all = split by the `{ $by }` column of { $entities }
note-split-by-field = split by the customer field `{ $field }`; data not attributed to customers (ads, e-mail, social) is in no group
note-several-groups = a customer with several `{ $field }` values is in several groups
note-largest-groups = `{ $by }` has { $values ->
    [one] one value
   *[other] { $values-text } values
}; the { $shown-text } largest are shown
note-inactivity = customers are counted from orders: a customer is active while their last order is at most { $days ->
    [one] one day
   *[other] { $days-text } days
} old
note-no-data-for = no data for { $metric } in the period for: { $values }
note-foreign-spend = spend not in { $home } for { $values }: no spend, CPA, ROAS or CAC for them until exchange rates are loaded
note-no-ad-spend = no ad spend in the period: CPA, ROAS and CAC are not available
note-largest-arms = arms are the two largest values of `{ $column }`; name them with --a-value and --b-value
note-both-arms = a customer who matches both filters is in both arms
note-no-test = { $metric } is not a share, a mean or an NPS, so it has no test of difference

## Command line: models
cli-files-predictions = Per-customer results: { $file } (and .csv)
cli-files-segments = Per-customer segments saved as `{ $name }`: { $file } (and .csv)
cli-files-churn = Per-customer scores: { $file } (and .csv)
cli-files-recommendations = Every customer's list: { $file } (and .csv)
time-units = { $unit ->
    [day] days
    [week] weeks
    [month] months
   *[year] years
}
cli-predict-fit = { $client }: { $model } fitted to { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
}' completed orders from { $from } to { $to } (times in { $units })
cli-predict-fit-opportunities = { $client }: { $model } fitted to { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
}' completed orders from { $from } to { $to } (opportunities: the calendar { $units } after each customer's first)
cli-log-likelihood = log-likelihood { $value }
cli-predict-spend-independent = spend: Gamma-Gamma on { $customers ->
    [one] one repeat customer
   *[other] { $customers-text } repeat customers
}, { $params }; frequency-spend correlation { $rho } (small: the independence assumption holds)
cli-predict-spend-doubtful = spend: Gamma-Gamma on { $customers ->
    [one] one repeat customer
   *[other] { $customers-text } repeat customers
}, { $params }; frequency-spend correlation { $rho } (above 0.3: the model's independence assumption is doubtful, treat CLV with care)
cli-predict-no-spend = spend: no Gamma-Gamma fit, so no CLV: { $error }
cli-predict-next = Next { $horizon }: { $transactions ->
    [one] one expected transaction
   *[other] { $transactions-text } expected transactions
}; about { $active } of { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
} still active; CLV { $clv } in all ({ $discount } % yearly discount)
cli-predict-next-margin = Next { $horizon }: { $transactions ->
    [one] one expected transaction
   *[other] { $transactions-text } expected transactions
}; about { $active } of { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
} still active; CLV { $clv } in all ({ $discount } % yearly discount, { $margin } % margin)
cli-predict-risk = Churn risk (P(alive) < 0.3 high, < 0.7 medium): { $high } high, { $medium } medium, { $low } low
cli-predict-holdout = Holdout check, { $from } to { $to } ({ $length } { $units }): repeat transactions per customer by calibration frequency
cli-predict-holdout-total = total: { $predicted } predicted, { $actual } actual ({ $error } %)
cli-predict-top = { $count ->
    [one] The customer with the highest CLV:
   *[other] Top { $count-text } customers by CLV:
}
cli-column-customer = customer
cli-column-customers = customers
cli-column-predicted = predicted
cli-column-actual = actual
cli-column-expected = expected
cli-column-risk = risk
risk-high = high
risk-medium = medium
risk-low = low
cli-retention-fit = { $client }: shifted-beta-geometric retention fitted to { $cohorts ->
    [one] one cohort
   *[other] { $cohorts-text } cohorts
} ({ $customers ->
    [one] one customer
   *[other] { $customers-text } customers
}, as of { $day })
cli-retention-churn = mean churn probability per { $unit ->
    [year] year
   *[month] month
} { $churn } %
cli-column-survival = survival
cli-column-retention = retention
cli-column-observed = observed
cli-retention-lifetime = A new subscriber stays { $lifetime } { $units } in discounted terms ({ $discount } % a year)
cli-retention-lifetime-worth = A new subscriber stays { $lifetime } { $units } in discounted terms ({ $discount } % a year), worth { $worth } at today's mean payment
cli-segments-kmeans = k-means, k = { $k } chosen by silhouette ({ $scores })
cli-segments-rfm = RFM quintiles
cli-segments-title = { $client }: { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
} as of { $day }, { $how }
cli-column-segment = segment
cli-column-share = share
cli-column-revenue = revenue
cli-column-recency = recency
cli-column-purchases = purchases
cli-churn-definition = { $client }: churn = no purchase within { $days ->
    [one] one day
   *[other] { $days-text } days
}.
cli-churn-trained = Trained on { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
} active on { $day } ({ $rate } % churned),
cli-churn-tested = tested on { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
} active on { $day } ({ $rate } % churned), whose outcome the model never saw:
cli-churn-quality = ROC AUC { $auc } (0.5 is a coin toss, 1 is perfect); top 10 % by risk: precision { $precision } %, recall { $recall } %
cli-churn-calibration = calibration (tenths by predicted risk): predicted → observed
cli-churn-drivers = what raises the risk (log-odds per standard deviation):
cli-churn-constant = not used, the same for every customer (is their source loaded?): { $features }
cli-churn-scored = Scored { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
} active on { $day }; highest risk:
cli-churn-score = (last purchase { $days ->
    [one] one day
   *[other] { $days-text } days
} ago, { $purchases ->
    [one] one purchase
   *[other] { $purchases-text } purchases
})
churn-feature-recency_days = days since the last purchase
churn-feature-purchases = purchases (days with a completed order) so far
churn-feature-mean_spend = mean spend per purchase
churn-feature-tenure_days = days since the first purchase
churn-feature-purchases_90d = purchases in the last 90 days
churn-feature-tickets_90d = support tickets opened in the last 90 days
churn-feature-escalations_90d = escalated tickets in the last 90 days
churn-feature-survey_responses = survey responses given so far
churn-feature-survey_score = latest survey score on a 0–1 scale (0.5 when none)
churn-feature-sessions_90d = visits to the site in the last 90 days
churn-feature-email_opens_90d = campaign e-mails opened in the last 90 days
churn-feature-email_clicks_90d = campaign e-mails clicked in the last 90 days
churn-feature-email_unsubscribed = 1 when unsubscribed from campaign e-mails, else 0
cli-recommend-title = { $client }: { $products ->
    [one] one product
   *[other] { $products-text } products
} bought by { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
}.
cli-recommend-check = Check: fitted on orders before { $day }; of { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
} who then bought something new to them, { $hit } bought one of their { $k } recommendations (hit rate at { $k }); the { $k } most popular products would have hit { $popular }.
recommend-popular = popular
recommend-bought-with = bought with { $product }
cli-forecast-title = { $client }: { $metric } over { $periods } complete periods; { $model } chosen by AICc ({ $aicc }) from { $forms } forms; { $params }
cli-column-interval-80 = 80 % interval
cli-column-interval-95 = 95 % interval
cli-forecast-actual = (actual)

## Model summaries, one sentence each (the demo, the server)
horizon-days = { $n ->
    [one] { $n-text } day
   *[other] { $n-text } days
}
horizon-weeks = { $n ->
    [one] { $n-text } week
   *[other] { $n-text } weeks
}
horizon-months = { $n ->
    [one] { $n-text } month
   *[other] { $n-text } months
}
horizon-years = { $n ->
    [one] { $n-text } year
   *[other] { $n-text } years
}
sentence-purchase = { $client }: { $model } on { $customers ->
    [one] one customer
   *[other] { $customers-text } customers
}; next { $horizon } { $transactions ->
    [one] one expected transaction
   *[other] { $transactions-text } expected transactions
}, CLV { $clv } in all
sentence-per-customer = { $sentence }; per customer in { $file }
sentence-retention = { $client }: retention curve (sBG) over { $cohorts ->
    [one] one cohort
   *[other] { $cohorts-text } cohorts
}; { $month1 } of subscribers stay past month 1, { $month12 } past month 12
sentence-churn = { $client }: churn classifier (no purchase within { $days ->
    [one] one day
   *[other] { $days-text } days
}), ROC AUC { $auc } on a window it never saw; { $customers ->
    [one] one current customer
   *[other] { $customers-text } current customers
} scored
sentence-segments = { $client }: { $method } segments, largest: { $largest }
sentence-forecast = { $client }: { $metric } forecast, { $model } (80 % intervals): { $next }
sentence-recommend = { $client }: product recommendations, hit rate at { $k } { $hit } (popularity { $popular })

## Command line: the workspace, clients, loads, entities, reports, feedback and schedules
cli-init = Created a Rapport workspace in { $dir } (time zone { $timezone }, currency { $currency }).
cli-next = Next: { $command }
cli-next-edit = Next: edit it, then `{ $command }`
cli-details = Details: { $command }
cli-client-added = Added client `{ $id }` ({ $name }).
cli-client-added-calendar = Added client `{ $id }` ({ $name }), on the { $calendar } calendar with weeks from { $weekday }.
cli-client = Client `{ $id }` ({ $name }).
cli-client-calendar = Client `{ $id }` ({ $name }), on the { $calendar } calendar with weeks from { $weekday }.
cli-target-reread = note: the target of { $metric } for `{ $period }` is now read as a { $now } period; set it again if it meant a { $before } one
cli-no-loads = No loads for `{ $client }` yet; load data with `rapport ingest`.
cli-column-load = LOAD
cli-column-finished = FINISHED
cli-column-entity = ENTITY
cli-column-source = SOURCE
cli-column-read = READ
cli-column-loaded = LOADED
cli-column-quarantined = QUARANT.
cli-column-duplicates = DUPLIC.
cli-column-items = JOINED
cli-loads-items = { $column }: lines that belong to a record another line gives: an order's further line items, a customer's other orders (not duplicates)
cli-entity-summary = key ({ $key }); required: { $required }
cli-entity-key = { $entity }: key ({ $key })
cli-entity-required = required
cli-entity-optional = optional
cli-entity-rule = rule: { $rule }
cli-entity-common = every table also has client_id and source
column-type-text = text
column-type-integer = a whole number
column-type-decimal = a number
column-type-timestamp = a timestamp
column-type-date = a date
column-type-boolean = true or false
column-type-list = a list
column-rule-non-negative = not negative
column-rule-positive = above 0
column-rule-one-of = one of { $values }
column-rule-currency-code = ISO 4217 code
column-rule-birth-year = plausible birth year
column-rule-period-label = period label
row-rule-not-before = { $later } is not before { $earlier }
row-rule-survey-scale = score lies on the survey's scale (nps 0-10; csat 1-5 and ces 1-7 unless scale_min/scale_max say otherwise)
cli-no-reports = No reports for { $client } yet; make one with `rapport report { $client }`
cli-column-run = RUN
cli-column-as-of = AS OF
cli-column-made = MADE
cli-column-status = STATUS
cli-column-scheduled = SCHEDULED
cli-column-files = FILES · DELIVERY
cli-report-definition = Report definition: { $file }
cli-report-template = Template: { $file }
cli-report-made = Report { $run } · { $client } · { $title } · { $period } ({ $seconds } s)
cli-no-feedback = No feedback from { $client } yet.
cli-feedback-line = report { $run } ({ $period })  { $rating } of 5
cli-schedule-added = Added schedule { $id } for { $client }: { $rule }. Next due { $next } ({ $period }), delivering to { $deliver }.
cli-schedule-cron = Run `rapport schedule run` from cron or a systemd timer; it sends what is due, once.
cli-schedule-removed = Removed schedule { $id } ({ $client }); its reports stay in `rapport report list { $client }`.
cli-no-schedules = No schedules; add one with `rapport schedule add CLIENT --every month --deliver DIR`.
cli-schedule-rule = { $every ->
        [month] monthly
       *[quarter] quarterly
    }, day { $day } at { $at } { $timezone }{ $approval ->
        [yes] , with approval
       *[no] {""}
    }
cli-column-client = CLIENT
cli-column-when = WHEN
cli-column-next-due = NEXT DUE
cli-column-deliver-to = DELIVER TO
field-type-text = text
field-type-number = number
field-type-list = list
field-customer_id = the customer's id
field-country = customer attribute
field-region = customer attribute
field-city = customer attribute
field-gender = customer attribute
field-company_type = B2B or B2C
field-industry = customer attribute
field-acquisition_channel = customer attribute
field-plan = customer attribute (or the latest subscription's plan)
field-lifecycle_stage = customer attribute
field-interests = customer interests; test with `contains`
field-birth_year = customer attribute
field-age = years at the end of the period, from birth_year
field-age_band = 18-24, 25-34, 35-44, 45-54, 55-64 or 65+
field-acquisition_cost = customer attribute
field-days_since_signup = days from created_at to the period's end
field-orders_30d = completed orders in the 30 days before the period's end
field-orders_90d = completed orders in the 90 days before the period's end
field-orders_365d = completed orders in the 365 days before the period's end
field-orders_total = completed orders before the period's end
field-revenue_90d = completed-order revenue in the 90 days before the period's end
field-revenue_total = completed-order revenue before the period's end
field-days_since_last_order = days from the last completed order to the period's end
field-tickets_90d = support tickets opened in the 90 days before the period's end
field-last_nps = the customer's latest NPS score (0–10) before the period's end
field-segment = the segment a saved segmentation (`rapport segments --save NAME`) gave
report-status = { $status ->
        [rendering] rendering
        [written] written
       *[failed] failed
    }
run-state = { $state ->
        [due] due
        [waiting] waiting
        [rendering] rendering
        [awaiting_approval] awaiting approval
        [approved] approved
        [delivering] delivering
        [delivered] delivered
        [rejected] rejected
       *[failed] failed
    }

## What sets a k-means segment apart (rapport_predict::segments::Trait)
segment-average = close to the average customer
segment-recency-high = have not bought for a long time
segment-recency-low = bought recently
segment-frequency-high = buy often
segment-frequency-low = rarely buy
segment-monetary-high = spend a lot
segment-monetary-low = spend little
segment-tenure-high = have been customers for a long time
segment-tenure-low = became customers recently

# rapport cluster, and --timeout
cli-timeout = rapport stopped after { $seconds-text } s (--timeout) before the command had finished.
cli-cluster-started = Started a local cluster: a scheduler on 127.0.0.1:{ $port } and { $executors-text } { $executors ->
    [one] executor
   *[other] executors
  }. Run a command's plans on it with `--engine { $engine }`, or set `engine = "{ $engine }"` in rapport.toml; `rapport cluster stop` stops it.
cli-cluster-stopped = Stopped the local cluster ({ $processes-text } { $processes ->
    [one] process
   *[other] processes
  }).
cli-cluster-stopped-forced = Stopped the local cluster ({ $processes-text } { $processes ->
    [one] process
   *[other] processes
  }); { $forced-text } did not end when asked and { $forced ->
    [one] was
   *[other] were
  } killed.
cli-column-role = ROLE
cli-column-process = PROCESS
cli-column-port = PORT
cli-column-state = STATE
cli-column-log = LOG
cli-cluster-scheduler = scheduler
cli-cluster-executor = executor
cli-cluster-answers = answers
cli-cluster-silent = runs, port closed
cli-cluster-gone = gone
cli-cluster-runs-queries = The cluster at { $engine } runs queries: a one-row query took { $millis-text } ms.
cli-cluster-no-queries = The cluster at { $engine } does not run queries: { $error }

cli-storage-none = This workspace has no object storage: add a `[settings.storage]` table with `url = "s3://bucket/prefix"` to rapport.toml (see `rapport storage sync --help`).
cli-storage-synced = The bucket { $url } now holds every committed data file and saved segment of these clients.
cli-column-uploaded = UPLOADED
cli-column-removed = REMOVED
cli-column-present = PRESENT

cli-user-no-password = No password on stdin: pipe it in, for example `printf '%s\n' "$PASSWORD" | rapport user add …`.
cli-user-added = Added { $email } as { $role }.
cli-user-every-client = every client
cli-user-removed = Removed { $email }; their tokens no longer work.
cli-token-created = Token { $id } for { $email }, valid until { $expires }. This is the only time it is shown: keep it in a password manager or a secret store.
cli-token-never = never
cli-token-revoked = revoked
cli-token-expired = expired
cli-token-active = active
cli-token-revoked-now = Revoked token { $id } of { $email }.
cli-column-email = E-MAIL
cli-column-clients = CLIENTS
cli-column-created = CREATED
cli-column-label = LABEL
cli-column-expires = EXPIRES

cli-serve-listening = Serving { $workspace } at { $url } (pages at /, API under /api). SIGTERM or Ctrl-C stops it.
cli-serve-stopped = Stopped: every request in flight was answered.

## Web pages (rapport serve)
web-skip = Skip to content
web-navigation = Pages
web-clients = Clients
web-customers = Customers
web-archive = Reports
web-period = Period
web-compare = Compare with
web-compare-previous = The period before
web-language = Language
web-show = Show
web-sign-in = Sign in
web-sign-out = Sign out
web-email = E-mail
web-password = Password
web-bad-login = That e-mail and password do not match.
web-too-many = Too many failed attempts. Wait a quarter of an hour, then try again.
web-not-found = Not found
web-error = Something went wrong
web-back = Back to the start
web-read-html = Read
web-download-pdf = Download PDF
web-rating = Rating (5 is best)
web-comment = What would you like to see in the next report?
web-send = Send feedback
web-no-reports = No reports yet.
web-feedback-thanks = Thank you. The next report answers your feedback.
web-live-note = Live from the latest data. The reports list keeps each report as it was made.
web-forged = This form has expired or did not come from this site. Reload the page and send it again.
web-column-report = Report
web-column-made = Made
web-column-status = Status
web-column-files = Files
web-schedules = Schedules
web-schedules-title = Report schedules
web-schedule-add = Add a schedule
web-schedule-every = How often
web-schedule-month = Every month, for the month before
web-schedule-quarter = Every quarter, for the quarter before
web-schedule-day = Day of the month it goes out
web-schedule-at = Time it goes out (HH:MM)
web-schedule-deliver = Send through (smtp://host:port or smtps://host:465; admins may give a folder)
web-schedule-to = Recipients (e-mail addresses, comma-separated)
web-schedule-from = Sender address
web-schedule-approval = Wait for someone to approve each report before it goes out
web-schedule-lang = Report language
web-schedule-lang-default = As the report definition says
web-schedule-remove = Remove
web-schedule-none = No schedules yet.
web-schedule-added = The schedule was added.
web-schedule-removed = The schedule was removed.
web-column-when = When
web-column-next-due = Next due
web-column-deliver-to = Delivered to
web-upload = Upload
web-upload-title = Upload an export
web-upload-file = Export file (CSV, JSON or Parquet; several of one kind at once)
web-upload-entity = What it holds
web-upload-detect = Recognise it from its columns
web-upload-check = Check the file
web-upload-load = Load it
web-upload-again = Upload another file
web-upload-unknown = Columns it does not read:
web-upload-preview = { $files } will load into { $entity } with the preset { $preset } ({ $description }), which knows { $share } of its columns. Nothing is loaded until you say so.
web-upload-preview-entity = { $files } will load into { $entity }. Nothing is loaded until you say so.
web-upload-not-allowed = A viewer reads the client's data and gives feedback; uploads are for the agency's analysts.

## A customer's page (rapport customer, the web): rapport_app::customer
customer-title = Customer { $customer }
customer-find = Find a customer
customer-find-label = Customer id or e-mail
customer-find-button = Find
customer-about = About
customer-outlook = Outlook
customer-orders = Orders
customer-order-totals = Orders in total
customer-products = Products bought most
customer-subscriptions = Subscriptions
customer-tickets = Support tickets
customer-surveys = Survey answers
customer-sessions = Web sessions
customer-segments = Segments
customer-recommendations = Recommended products
customer-shown = { $shown-text } of { $total-text }, newest first
customer-not-found = No customer of { $client } has the id or e-mail “{ $customer }”.
customer-none = None in the data.
customer-no-outlook = No saved prediction holds this customer. Predictions are saved by rapport predict and rapport churn.
customer-p-alive = Chance still active, P(alive)
customer-expected-purchases = Expected purchases
customer-expected-purchases-over = Expected purchases, next { $horizon }
customer-clv-over = Expected value, next { $horizon } (CLV)
customer-clv = Expected lifetime value (CLV)
customer-risk = Churn risk
customer-churn-probability = Chance of churning (classifier)
customer-model = Model
customer-saved-on = Predicted on
customer-yes = yes
customer-no = no
customer-column-date = Date
customer-column-order = Order
customer-column-amount = Amount
customer-column-status = Status
customer-column-channel = Channel
customer-column-items = Items
customer-column-orders = Orders
customer-column-first = First
customer-column-last = Last
customer-column-product = Product
customer-column-category = Category
customer-column-quantity = Quantity
customer-column-plan = Plan
customer-column-started = Started
customer-column-ended = Ended
customer-column-mrr = MRR
customer-column-ticket = Ticket
customer-column-resolved = Resolved
customer-column-escalated = Escalated
customer-column-survey = Survey
customer-column-score = Score
customer-column-comment = Comment
customer-column-touchpoint = Touchpoint
customer-column-events = Events
customer-column-pages = Pages
customer-column-revenue = Revenue
customer-column-source = Source
customer-column-device = Device
customer-column-segmentation = Segmentation
customer-column-segment = Segment
customer-column-rank = Rank
customer-column-because = Why
customer-field-created_at = Customer since
customer-field-country = Country
customer-field-region = Region
customer-field-city = City
customer-field-birth_year = Birth year
customer-field-gender = Gender
customer-field-company_type = B2B or B2C
customer-field-industry = Industry
customer-field-acquisition_channel = Acquired through
customer-field-acquisition_cost = Acquisition cost
customer-field-interests = Interests
customer-field-plan = Plan
customer-field-lifecycle_stage = Lifecycle stage
customer-field-source = Source system

## The agency's people, tokens and audit log (rapport_app::access and the admins' pages).
role-admin = agency admin
role-analyst = analyst
role-viewer = client viewer
access-web-session = web session
audit-actor-cli = the command line
audit-signed-in = signed in
audit-signed-out = signed out
audit-sign-in-failed = failed to sign in
audit-sign-in-throttled = was refused after too many failed sign-ins
audit-user-added = added a person
audit-user-removed = removed a person
audit-token-created = made an API token
audit-token-revoked = revoked a token
audit-report-made = made a report
audit-report-downloaded = downloaded a report
audit-feedback-given = gave feedback on a report
audit-schedule-added = added a report schedule
audit-schedule-removed = removed a report schedule
audit-upload-loaded = loaded an upload
cli-column-last-used = LAST USED
cli-column-who = WHO
cli-column-action = ACTION
cli-column-subject = ON
web-column-email = E-mail
web-column-role = Role
web-column-clients = Clients
web-column-created = Added
web-column-id = No.
web-column-label = For
web-column-expires = Stops working
web-column-last-used = Last used
web-column-state = State
web-column-who = Who
web-column-action = What
web-column-subject = On
web-column-source = From
web-agency = People
web-people-title = People and access
web-audit = Audit log
web-audit-newest = The newest { $count } entries, newest first.
web-audit-more = Show more
web-not-admin = Only the agency's admins manage people and tokens and read the audit log.
web-user-add = Add a person
web-user-email = Their e-mail
web-user-role = Role
web-user-clients = Clients (an analyst: one or more; a client viewer: exactly one; an admin sees every client)
web-user-password = Their first password (at least 12 characters; give it to them by another channel)
web-user-added = { $email } was added.
web-user-removed = { $email } was removed; their tokens and sessions no longer work.
web-user-remove = Remove
web-user-you = you
web-tokens = API tokens and web sessions
web-token-create = Make an API token
web-token-for = For whom
web-token-label = What it is for
web-token-expires = Stops working (a number of days like 90d, or a date like 2027-03-01; empty: never)
web-token-secret = The token for { $email }. This is the only time it is shown: copy it now into a password manager or a secret store.
web-token-revoke = Revoke
web-token-revoked = Token { $id } was revoked.
web-tokens-all = Show revoked and expired tokens too
web-tokens-working = Show working tokens only
web-tokens-none = No tokens.

## Errors a library raises, said in the reader's language (messages::Said).
error-as-is = { $text }
error-schedule-no-target = give a folder or an smtp:// URL to deliver to
error-schedule-scheme = `{ $deliver }`: a report is delivered to a folder or by e-mail (smtp:// or smtps://), not over { $scheme }://
error-schedule-not-a-url = `{ $deliver }` is not a mail server's URL ({ $reason })
error-schedule-no-host = `{ $deliver }` names no mail server (smtp://HOST:PORT)
error-schedule-password = `{ $deliver }` with a password: a password is not kept in the catalog, which is not a place for secrets. Give the URL without it and set { $variable } where the schedules run
error-schedule-address = `{ $address }` is not an e-mail address ({ $reason }); write it as name@example.com or "Name <name@example.com>"
error-schedule-no-sender = an e-mailed report needs a sender address
error-schedule-no-recipient = an e-mailed report needs at least one recipient address
error-schedule-lang = `{ $lang }` is not a report language (en, ro, zh-Hans, fa)
error-schedule-time = `{ $at }` is not a time like 08:00 (24-hour HH:MM)
error-schedule-timezone = `{ $timezone }` is not an IANA time zone name (for example Europe/Bucharest or UTC)
error-schedule-day = day { $day-text } is not a day of the month: give 1 to 31 (a day a month lacks means its last day)
error-schedule-not-rendered = the scheduled report has no rendered report to deliver
error-schedule-no-files = report { $run } has no files to deliver
error-weak-password = a password has at least { $min-text } characters; this one has { $chars-text }
error-bad-expiry = `{ $text }` is not an expiry: give a number of days (90d), or a date (2027-03-01) after today
error-no-client = no client `{ $client }` here
error-user-email = `{ $email }` is not an e-mail address like ana@agency.example
error-user-viewer-clients = a client viewer works on exactly one client, not { $count-text }
error-user-analyst-clients = an analyst works on at least one client; name the ones they work on
error-user-admin-clients = an admin sees every client, so no client is named for them
error-user-exists = user `{ $email }` already exists
error-user-unknown = no user `{ $email }`
error-token-unknown = no token { $id }
error-rating = a rating is 1 to 5, not { $rating }
error-self-removal = an admin cannot remove themselves; another admin can
error-unknown-customer = { $client } has no customer `{ $customer }` in its customers, orders or subscriptions (an id, or an e-mail used as id)
error-upload-loaded = upload `{ $upload }` is loaded already; upload the file again to load it again
probability-under = under { $share }
probability-over = over { $share }
error-missing-columns = `{ $input }` lacks the columns { $entity } needs: { $missing }. It has: { $available }.
error-unreadable = `{ $input }` cannot be read: { $reason }
error-no-preset = No preset reads `{ $file }` and no kind of data was chosen, so nothing was loaded. Choose what the file holds, or ask an analyst for a mapping.
web-upload-closest = The closest presets:
web-upload-near = { $preset } ({ $entity }) lacks { $missing }
error-period = `{ $label }` is not a period: use a month (2026-10), a quarter (2026-Q3), a year (2026), a week (2026-W41) or a date range (2026-08-01..2026-10-31)
error-period-solar = `{ $label }` is not a period: use a Solar Hijri month (1405-08 is Aban 1405), a quarter (1405-Q3), a year (1405), a week (1405-W31) or a date range (1405-08-01..1405-08-30)
error-busy = The server is computing other requests; try again in a few seconds.
error-internal = The server failed; its log says why. Tell the agency, and try again later.
web-tokens-newest = The newest { $count-text } are shown; `rapport token list` lists them all.
