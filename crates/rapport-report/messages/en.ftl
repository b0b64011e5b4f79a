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
section-predictions = Outlook
section-actions = Recommended actions
section-data_quality = Data quality
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
label-page = Page
label-report-id = Report { $id }
label-notice = Please note
label-status-good = Good news
label-status-bad = Needs attention
label-status-neutral = No clear change
chart-this-year = This year
chart-year-before = Year before
chart-report-period = Report period

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

## Summary

summary-overview = Of { $kpis-text } headline { $kpis ->
    [one] measure
   *[other] measures
  }, { $better-text } moved the right way and { $worse-text } the wrong way against { $period }.
summary-overview-none = None of the { $kpis-text } headline { $kpis ->
    [one] measure
   *[other] measures
  } moved clearly against { $period }: no change was significant, and no untested change reached 10 %.
summary-best = The best news: { $finding }
summary-worst = The main problem: { $finding }
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
term-quarantine = Quarantined rows
term-quarantine-meaning = Rows of the client's exports that failed a check (a missing date, an impossible score); they are kept aside and not counted until corrected.
