# پیام‌های گزارش Rapport، فارسی.
# اعداد از پیش با رقم‌های فارسی نوشته شده و به صورت متن می‌رسند ($now، $before، $pct)؛
# شمارش هم به صورت عدد برای جمع ($rows) و هم به صورت متن ($rows-text) می‌رسد.
# در فارسی اسم پس از عدد مفرد می‌آید، پس انتخاب جمع لازم نیست.

## عنوان‌ها

title-monthly = گزارش ماهانهٔ مشتریان
title-quarterly = گزارش فصلی مشتریان
section-summary = خلاصه
section-kpis = شاخص‌های کلیدی
section-findings = نقاط قوت و آنچه نیاز به توجه دارد
section-trends = روندها
section-breakdowns = تفکیک‌ها
section-funnel = قیف فروش
section-cohorts = کوهورت‌ها
section-forecast = پیش‌بینی
section-predictions = چشم‌انداز
section-actions = اقدامات پیشنهادی
section-data_quality = کیفیت داده‌ها
section-triangulation = مقایسهٔ منابع داده
section-feedback = نظر شما
section-glossary = واژه‌نامه
findings-went-well = نقاط قوت
findings-needs-attention = آنچه نیاز به توجه دارد
label-contents = فهرست مطالب
label-prepared-by = تهیه‌شده توسط { $agency }
label-prepared-for = برای { $client }
label-made-with-rapport = ساخته‌شده با Rapport
label-as-of = داده‌ها تا { $date }
label-period = دوره
label-previous = دورهٔ قبل
label-compared = در مقایسه با
label-year-ago = یک سال پیش
label-target = هدف
label-benchmark = معیار مقایسه
label-interval = بازهٔ اطمینان ۹۵٪
label-based-on = بر پایهٔ { $n-text } رکورد
label-customer = مشتری
label-clv = ارزش طول عمر
label-p-alive = احتمال فعال‌بودن
label-repeat-orders = سفارش‌های تکراری
label-call-list = مشتریانی که ارزش تماس دارند
label-source = منبع
label-last-loaded = آخرین بارگذاری
label-rows = ردیف‌های بارگذاری‌شده
label-quarantined = قرنطینه‌شده
label-reason = دلیل
label-example = نمونه
label-missing = اندازه‌گیری‌نشده
label-because = به دلیل
label-rule = قاعده
text-pair = { $first }، { $second }
# Two clauses of one sentence, joined by the language's semicolon.
text-clauses = { $first }؛ { $second }
# A value under its label, as a chart's text alternative lists them.
text-labelled = { $label }: { $value }
action-basis = به دلیل: { $metrics }، قاعده: { $rule }
label-page = صفحه
label-report-id = گزارش { $id }
label-report-run = گزارش { $run } ({ $id })
label-notice = توجه
label-status-good = خبر خوب
label-status-bad = نیاز به توجه
label-status-neutral = بدون تغییر روشن
chart-this-year = امسال
chart-year-before = سال قبل
chart-report-period = دورهٔ گزارش
month-short-1 = ژانویه
month-short-2 = فوریه
month-short-3 = مارس
month-short-4 = آوریل
month-short-5 = مه
month-short-6 = ژوئن
month-short-7 = ژوئیه
month-short-8 = اوت
month-short-9 = سپتامبر
month-short-10 = اکتبر
month-short-11 = نوامبر
month-short-12 = دسامبر
chart-forecast = پیش‌بینی
chart-observed = واقعی
chart-interval-80 = بازهٔ ۸۰٪
chart-interval-95 = بازهٔ ۹۵٪
chart-months-since-first = { $activity ->
    [subscriptions] ماه‌ها پس از نخستین اشتراک
   *[orders] ماه‌ها پس از نخستین خرید
}
chart-average = میانگین
label-unavailable = نمایش‌داده‌نشده
label-annotations = رویدادها (با شماره روی نمودارها)
label-tolerance = حد مجاز
label-gap = اختلاف
label-flagged = بیش از حد مجاز
label-within = در حد مجاز
label-likely-causes = علت‌های احتمالی

## مقدارها و ارزیابی‌ها

value-none = ناموجود
tone-no-comparison = بدون مقایسه
tone-unchanged = بدون تغییر
tone-not-significant = بدون تغییر معنادار
tone-better-significant = بهتر (معنادار)
tone-worse-significant = بدتر (معنادار)
tone-better-untested = بهتر (آزمونی کاربرد ندارد)
tone-worse-untested = بدتر (آزمونی کاربرد ندارد)
tone-up = افزایش
tone-down = کاهش
tone-up-untested = افزایش (آزمونی کاربرد ندارد)
tone-down-untested = کاهش (آزمونی کاربرد ندارد)
target-met = هدف { $target }: محقق شد
target-missed = هدف { $target }: محقق نشد
target-set = هدف { $target }
benchmark-better = بهتر از معیار { $benchmark } ({ $source })
benchmark-worse = بدتر از معیار { $benchmark } ({ $source })
benchmark-level = هم‌تراز با معیار { $benchmark } ({ $source })
unit-percent = ٪
unit-points = امتیاز
unit-count = تعداد
unit-ratio = نسبت
unit-score = امتیاز
unit-seconds = زمان

## یافته‌ها

finding-rose-significant = { $metric } از { $before } در { $period } به { $now } رسید (افزایش معنادار، { $p }).
finding-fell-significant = { $metric } از { $before } در { $period } به { $now } رسید (کاهش معنادار، { $p }).
finding-rose-untested = { $metric } با { $pct }٪ افزایش از { $before } در { $period } به { $now } رسید (آزمون معناداری کاربرد ندارد).
finding-fell-untested = { $metric } با { $pct }٪ کاهش از { $before } در { $period } به { $now } رسید (آزمون معناداری کاربرد ندارد).
finding-with-why = { $finding } { $why }
finding-target-met = { $metric } برابر { $now } است و به هدف { $target } رسیده است.
finding-target-missed = { $metric } برابر { $now } است و از هدف { $target } عقب است.
finding-benchmark-better = { $metric } برابر { $now } است، بهتر از معیار { $benchmark } ({ $source }).
finding-benchmark-worse = { $metric } برابر { $now } است، بدتر از معیار { $benchmark } ({ $source }).
findings-none-well = در این دوره چیزی به‌روشنی بهتر نشد: هیچ شاخصی افزایش معنادار نداشت و به هیچ هدفی نرسیدیم.
findings-none-attention = چیزی نیاز به توجه فوری ندارد: هیچ شاخصی به‌طور معنادار بدتر نشد و هیچ هدفی از دست نرفت.
finding-why-repeat_purchase_rate-worse = مشتریان کمتری برای خرید دوباره برگشتند.
finding-why-repeat_purchase_rate-better = مشتریان بیشتری برای خرید دوباره برگشتند.
finding-why-churn_rate-worse = مشتریان بیشتری خرید را کنار گذاشتند.
finding-why-churn_rate-better = مشتریان کمتری خرید را کنار گذاشتند.
finding-why-nps-worse = مشتریان کمتری این کسب‌وکار را به دیگران توصیه می‌کنند.
finding-why-nps-better = مشتریان بیشتری این کسب‌وکار را به دیگران توصیه می‌کنند.
finding-why-csat-worse = مشتریان کمتری از تجربهٔ خود راضی بودند.
finding-why-csat-better = مشتریان بیشتری از تجربهٔ خود راضی بودند.
finding-why-conversion_rate-worse = بازدیدهای کمتری به خرید انجامید.
finding-why-conversion_rate-better = بازدیدهای بیشتری به خرید انجامید.
finding-why-active_customers-worse = پایگاه مشتریان کوچک‌تر شد.
finding-why-active_customers-better = پایگاه مشتریان بزرگ‌تر شد.
finding-why-aov-worse = مشتریان در هر سفارش کمتر خرج کردند.
finding-why-aov-better = مشتریان در هر سفارش بیشتر خرج کردند.
finding-why-cart_abandonment_rate-worse = خریداران بیشتری سبد خرید خود را رها کردند.
finding-why-cart_abandonment_rate-better = خریداران کمتری سبد خرید خود را رها کردند.

## روندها

trend-title = { $metric } به تفکیک ماه ({ $unit })
trend-alt = نمودار خطی { $metric } به تفکیک ماه از { $from } تا { $to }، همراه با همان ماه‌ها در سال قبل: { $values }.

## نمودارها

chart-unavailable = { $chart }: { $reason }
chart-no-groups = هیچ گروهی در این دوره مقداری ندارد
bars-alt = نمودار میله‌ای، { $title }: { $values }.
breakdown-title = { $metric } به تفکیک { $by }
breakdown-caption = در { $period }، { $top } با { $value } در صدر است.
funnel-title = قیف فروش
funnel-chart-title = بازدیدکنندگان در هر مرحله، { $period }
funnel-no-events = در این دوره هیچ رویداد `{ $step }` ثبت نشده است
funnel-first-step = { $event }: { $count }
funnel-step = { $event }: { $count } ({ $share } از مرحلهٔ قبل)
funnel-sentence = از { $first } بازدیدکننده در نخستین مرحله، { $last } به آخرین مرحله رسیدند ({ $share })؛ مرحله‌ای که کمترین نگه‌داشت را دارد { $worst } است که { $kept } از مرحلهٔ قبل به آن می‌رسند.
cohorts-title = نقشهٔ حرارتی کوهورت‌ها
cohorts-chart-title = مشتریان هنوز فعال، بر اساس ماه نخستین { $activity } (٪)
cohorts-alt = نقشهٔ حرارتی { $cohorts-text } کوهورت ماهانه: سهم مشتریانی از هر کوهورت که در هر ماه پس از ماه نخست هنوز فعال‌اند. { $sentence }
cohorts-sentence = به‌طور میانگین در { $cohorts-text } کوهورت، { $month1 } از مشتریان جدید یک ماه پس از ماه نخست دوباره فعال‌اند و { $month3 } سه ماه پس از آن.
forecast-title = پیش‌بینی
forecast-metric-revenue = درآمد
forecast-metric-orders = سفارش‌ها
forecast-metric-buyers = خریداران
forecast-chart-title = { $metric } به تفکیک ماه، همراه با پیش‌بینی ({ $unit })
forecast-alt = نمودار خطی { $metric } به تفکیک ماه و پیش‌بینی آن با بازه‌های ۸۰٪ و ۹۵٪. { $sentence }
forecast-sentence = { $metric } در { $period } حدود { $value } پیش‌بینی می‌شود و به احتمال زیاد (۸۰٪) بین { $low } و { $high } خواهد بود.
forecast-model = مدل ({ $model }) از میان شکل‌های هموارسازی نمایی، بر اساس برازش بهتر با { $months-text } ماه داده‌های گذشته انتخاب شد؛ هرچه پیش‌بینی دورتر باشد، بازه پهن‌تر است.
clv-distribution-title = مشتریان بر اساس ارزش طول عمر
clv-distribution-caption = ارزش طول عمر { $customers-text } مشتری که مدل خرید می‌شناسد: مبلغی که انتظار می‌رود هر یک از این پس خرج کند.
risk-distribution-title = مشتریان بر اساس احتمال فعال‌بودن
risk-distribution-caption = مشتریان زیر ۳۰٪ به احتمال زیاد دیگر خرید نمی‌کنند؛ مشتریان بین ۳۰٪ و ۷۰٪ در معرض ریزش‌اند.

## پیش‌بینی‌ها

model-purchase = مدل خرید
model-retention = منحنی نگه‌داشت
predict-orders = مدل خرید برای { $period } انتظار { $orders } سفارش به ارزش { $revenue } از { $customers-text } مشتری تاکنون دیده‌شده را دارد.
predict-backtest = همین مدل، وقتی بر داده‌های پیش از { $period } برازش شد، سفارش‌های آن دوره را { $error }٪ { $direction }: چشم‌انداز را با همین حاشیهٔ خطا بخوانید.
predict-over = بیش از واقع برآورد کرد
predict-under = کمتر از واقع برآورد کرد
predict-no-backtest = مدل را نمی‌شد روی یک دورهٔ گذشته سنجید، پس چشم‌انداز را راهنمایی تقریبی بدانید.
predict-at-risk = احتمال فعال‌بودن { $customers-text } مشتری کمتر از ۳۰٪ است.
predict-call-list = { $customers-text } مشتری زیر بیشترین خرید را داشته‌اند، اما ممکن است دیگر خرید نکنند: یک تماس تلفنی همین حالا می‌تواند آن‌ها را نگه دارد.
predict-call-list-empty = هیچ مشتری پرارزشی در معرض خطر بالای ترک خرید نیست.
predict-retention = منحنی نگه‌داشت که بر { $cohorts-text } کوهورت ماهانهٔ مشترکان برازش شده، انتظار دارد { $month1 } از مشترکان جدید پس از ماه نخست و { $month12 } پس از یک سال بمانند.
predict-mean-churn = به‌طور میانگین هر ماه { $churn } از مشترکان اشتراک خود را لغو می‌کنند.
predict-unavailable = { $model } نتیجه‌ای نداد: { $reason }
predict-reason-degenerate = داده‌ها برای برآورد پارامترهای مدل کافی نیست (مشتریان کمی دوباره خرید می‌کنند یا همه به یک شکل خرید می‌کنند)
predict-reason-not-converged = برازش مدل به پاسخی پایدار نرسید

## هشدارها

notice-incomplete = { $period } تا { $as_of } به پایان نرسیده بود: اعداد آن ناقص‌اند و تغییر خواهند کرد.
notice-stale = { $source } آخرین بار در { $loaded }، پیش از پایان { $period }، بارگذاری شد: ممکن است اعداد آن ناقص باشند.

## کیفیت داده‌ها

entity-customers = مشتریان
entity-orders = سفارش‌ها
entity-order_items = اقلام سفارش
entity-subscriptions = اشتراک‌ها
entity-survey_responses = پاسخ‌های نظرسنجی
entity-support_tickets = تیکت‌های پشتیبانی
entity-web_events = رویدادهای وب‌سایت
entity-marketing_spend = هزینهٔ تبلیغات
entity-email_campaigns = کمپین‌های ایمیلی
entity-email_activity = فعالیت ایمیل
entity-social_posts = پست‌های شبکه‌های اجتماعی
entity-annotations = رویدادهای ثبت‌شده
entity-targets = اهداف
entity-exchange_rates = نرخ‌های ارز

dq-source = { $source }: آخرین بارگذاری { $loaded }؛ { $rows-text } ردیف نگه داشته شد و { $quarantined-text } ردیف قرنطینه شد.
dq-source-stale = { $source }: آخرین بارگذاری { $loaded }، پیش از پایان دوره؛ { $rows-text } ردیف نگه داشته شد و { $quarantined-text } ردیف قرنطینه شد.
dq-no-data = بدون داده

# قاعدهٔ قرنطینه چه می‌خواهد (کدهای قواعد بارگذاری)، در جدول کیفیت داده‌ها.
rule-type = از نوع ستون نیست
rule-required = مقدار الزامی خالی است
rule-time_order = تاریخی زودتر از تاریخی که باید پس از آن بیاید
rule-survey_scale = مقیاس نظرسنجی نامعتبر است
rule-out_of_scale = امتیاز خارج از مقیاس نظرسنجی است
rule-malformed_row = سطری که با قالب فایل خوانا نیست
rule-key_conflict = رکوردی که پیش‌تر با مقادیر دیگری بارگذاری شده است
rule-non_negative = مبلغ یا تعداد منفی
rule-positive = مقداری که باید بزرگ‌تر از صفر باشد
rule-allowed_values = جزو مقادیر مجاز نیست
rule-currency_code = کد سه‌حرفی ارز نیست
rule-plausible_year = سال نامحتمل
rule-period_label = برچسب دوره نیست
rule-parent_quarantined = سفارشِ آن (ردیفی که به آن تعلق دارد) قرنطینه شد
dq-none-quarantined = همهٔ ردیف‌های بارگذاری‌شده از بررسی‌ها گذشتند؛ هیچ ردیفی قرنطینه نشده است.
dq-quarantined = { $rows-text } ردیف از یک بررسی رد شد و قرنطینه شده است و در محاسبه نمی‌آید: رایج‌ترین دلیل‌ها در زیر آمده است.
dq-metrics-with-data = { $with-text } شاخص از { $all-text } شاخص برای این دوره داده دارند.

## اقدامات

action-retention_fell = { $metric } بدتر شد: ببینید کدام مشتریان دیگر خرید نمی‌کنند و با یک پیشنهاد شخصی آن‌ها را برگردانید.
action-retention_fell-call = { $metric } بدتر شد: نخست با { $customers-text } مشتری فهرست تماس تماس بگیرید، که باارزش‌ترین مشتریان در معرض خطرند.
action-satisfaction_fell = { $metric } بدتر شد: آنچه مشتریان ناراضی در این دوره نوشته‌اند را بخوانید و رایج‌ترین شکایت را برطرف کنید.
action-conversion_fell = { $metric } بدتر شد: مرحله‌ای از وب‌سایت را که بیشتر بازدیدکنندگان در آن خارج می‌شوند بررسی کنید و نسخه‌ای ساده‌تر را بیازمایید.
action-revenue_fell = { $metric } بدتر شد: بررسی کنید کدام کانال یا محصول افت کرده و آیا قیمت‌ها یا تخفیف‌ها تغییر کرده‌اند.
action-marketing_fell = { $metric } بدتر شد: بودجه را از کمپین‌های کم‌بازده به پربازده‌ترین‌ها منتقل کنید.
action-service_fell = { $metric } بدتر شد: در صف پشتیبانی، مواردی را که بیشترین زمان را گرفته‌اند و علت آن را بررسی کنید.
action-metric_fell = { $metric } بدتر شد: بررسی کنید در این دوره چه چیزی تغییر کرده است.
action-target_missed = { $metric } به هدف خود نرسید: برای رسیدن به آن برنامه و مهلتی توافق کنید.
action-call_list = پیش از آنکه { $customers-text } مشتری فهرست تماس از دست بروند، با آن‌ها تماس بگیرید.
action-stale_source = { $source } را دوباره بارگذاری کنید: آخرین بارگذاری آن در { $loaded }، پیش از پایان دوره، بوده است.
action-quarantine = { $rows-text } ردیف قرنطینه‌شده را اصلاح کنید (بیشترشان در { $source }، ستون { $column }) و دوباره بارگذاری کنید.

## مقایسهٔ منابع

tri-quantity-revenue_orders_web = درآمد: سفارش‌ها در برابر خریدهای وب‌سایت
tri-quantity-revenue_orders_ads = درآمد: سفارش‌ها در برابر پلتفرم‌های تبلیغاتی
tri-quantity-orders_purchase_events = سفارش‌ها در برابر رویدادهای خرید وب‌سایت
tri-quantity-email_clicks_sessions = کلیک‌های ایمیل در برابر بازدیدهای وب‌سایت از ایمیل
tri-quantity-surveys_tickets = پاسخ‌های نظرسنجی پشتیبانی در برابر تیکت‌های حل‌شده
tri-quantity-new_customers = مشتریان جدید: فهرست مشتریان در برابر نخستین سفارش‌ها
tri-order-revenue = درآمد سفارش‌های تکمیل‌شده
tri-web-revenue = درآمد خریدهای وب‌سایت
tri-ad-value = ارزش تبدیلی که پلتفرم‌های تبلیغاتی گزارش می‌کنند
tri-orders = سفارش‌های تکمیل‌شده
tri-purchase-events = رویدادهای خرید وب‌سایت
tri-email-clicks = کلیک‌های ایمیل
tri-email-sessions = بازدیدهای وب‌سایت از ایمیل
tri-support-answers = پاسخ‌های نظرسنجی پس از پشتیبانی
tri-tickets-resolved = تیکت‌های حل‌شده
tri-customers-created = مشتریان افزوده‌شده به فهرست مشتریان
tri-first-orders = مشتریان با نخستین سفارش
tri-equal-ok = { $a } ({ $a_value }) و { $b } ({ $b_value }) به اندازهٔ { $gap } با هم اختلاف دارند که در حد مجاز { $tolerance } است.
tri-equal-flagged = { $a } ({ $a_value }) و { $b } ({ $b_value }) به اندازهٔ { $gap } با هم اختلاف دارند که بیش از حد مجاز { $tolerance } است.
tri-at-most-ok = { $a } ({ $a_value }) برابر { $share } از { $b } ({ $b_value }) است، همان‌طور که انتظار می‌رود: همهٔ مشتریان پاسخ نمی‌دهند.
tri-at-most-flagged = { $a } ({ $a_value }) به اندازهٔ { $gap } از { $b } ({ $b_value }) بیشتر است، که اگر نظرسنجی‌ها پس از تیکت‌ها فرستاده شوند نباید رخ دهد.
tri-cause-revenue_orders_web-1 = سفارش‌های مرجوعی و لغوشده از سفارش‌ها حذف می‌شوند، اما ممکن است در خریدهای وب‌سایت بمانند.
tri-cause-revenue_orders_web-2 = سفارش‌های تلفنی، بازارگاه‌های آنلاین یا فروشگاه حضوری هرگز به ردیابی وب‌سایت نمی‌رسند.
tri-cause-revenue_orders_web-3 = مسدودکننده‌های تبلیغات و رد کوکی‌ها خریدهای وب‌سایت را پنهان می‌کنند.
tri-cause-revenue_orders_web-4 = منطقه‌های زمانی متفاوت سفارش‌های نزدیک نیمه‌شب را به روز دیگری می‌برند.
tri-cause-revenue_orders_ads-1 = پلتفرم‌های تبلیغاتی خرید را در پنجرهٔ انتساب خود می‌شمارند (اغلب ۷ روز پس از کلیک و ۱ روز پس از نمایش)، و هر پلتفرم همان خرید را به نام خود ثبت می‌کند.
tri-cause-revenue_orders_ads-2 = پلتفرم‌های تبلیغاتی ارزش را پیش از مرجوعی گزارش می‌کنند و ممکن است مالیات و هزینهٔ ارسال را هم در آن بیاورند.
tri-cause-revenue_orders_ads-3 = سفارش‌هایی که از هیچ تبلیغی نیامده‌اند فقط در سفارش‌ها هستند.
tri-cause-orders_purchase_events-1 = سفارش‌هایی که بیرون از وب‌سایت یا با ردیابی مسدود ثبت شده‌اند رویداد خرید ندارند.
tri-cause-orders_purchase_events-2 = بارگذاری دوبارهٔ صفحهٔ تأیید، رویداد خرید را دو بار می‌فرستد.
tri-cause-orders_purchase_events-3 = ترافیک ربات‌ها و ترافیک آزمایشی می‌تواند رویداد خرید بسازد.
tri-cause-email_clicks_sessions-1 = یک کلیک می‌تواند چند بازدید بسازد، و بازدید از ایمیل بازارسال‌شده کلیکی ندارد.
tri-cause-email_clicks_sessions-2 = پیوندهای بدون برچسب UTM به‌عنوان بازدید مستقیم شمرده می‌شوند، نه ایمیل.
tri-cause-email_clicks_sessions-3 = اسکنرهای امنیتی شرکت گیرنده به‌طور خودکار روی پیوندها کلیک می‌کنند.
tri-cause-surveys_tickets-1 = برای یک تیکت چند نظرسنجی فرستاده شده، یا برای مواردی که در خروجی تیکت‌ها نیستند نظرسنجی فرستاده شده است.
tri-cause-surveys_tickets-2 = نقطهٔ تماس نظرسنجی برای پاسخ‌هایی که دربارهٔ تیکت نیستند، پشتیبانی ثبت شده است.
tri-cause-new_customers-1 = مشتریانی که بدون خرید ثبت‌نام می‌کنند فقط در فهرست مشتریان هستند.
tri-cause-new_customers-2 = خریدهای مهمان بدون ورود به فهرست مشتریان انجام می‌شوند.
tri-cause-new_customers-3 = مشتری‌ای که از سامانه‌ای قدیمی‌تر وارد شده، تاریخ ثبت‌نام اصلی خود را نگه می‌دارد.
action-triangulation = { $quantity } با هم نمی‌خوانند: { $a } را با { $b } تطبیق دهید. { $cause }

## بازخورد

feedback-recorded = بازخورد { $id } دربارهٔ گزارش { $run } ({ $period }) ثبت شد: { $rating } از ۵. گزارش بعدی مشتری به آن پاسخ می‌دهد.
feedback-answered = در گزارش { $run } پاسخ داده شد
feedback-unanswered = هنوز پاسخ داده نشده
feedback-link = نظرتان را دربارهٔ این گزارش و آنچه گزارش بعدی باید نشان دهد با ما در میان بگذارید:
feedback-answer = شما به گزارش { $period } نمرهٔ { $rating } از ۵ دادید. سپاسگزاریم: بگویید چه چیزی گزارش بعدی را سودمندتر می‌کند.
feedback-answer-comment = دربارهٔ گزارش { $period } نوشتید: «{ $comment }» (نمرهٔ { $rating } از ۵). آن را خواندیم و این گزارش با در نظر گرفتن آن تهیه شده است؛ اگر هنوز چیزی کم است، به ما پاسخ دهید.

## خلاصه

summary-overview = از { $kpis-text } شاخص کلیدی، در مقایسه با { $period }، { $better-text } شاخص در جهت درست و { $worse-text } شاخص در جهت نادرست حرکت کردند.
summary-overview-none = هیچ‌یک از { $kpis-text } شاخص کلیدی در مقایسه با { $period } به‌روشنی تغییر نکرد: هیچ تغییری معنادار نبود و هیچ تغییر آزمون‌نشده‌ای به ۱۰٪ نرسید.
summary-best = { $scope ->
    [other] جدا از شاخص‌های کلیدی، بهترین خبر
   *[headline] بهترین خبر
  }: { $finding }
summary-worst = { $scope ->
    [other] جدا از شاخص‌های کلیدی، مهم‌ترین مشکل
   *[headline] مهم‌ترین مشکل
  }: { $finding }
summary-certainty = تغییری معنادار خوانده می‌شود که یک آزمون آماری آن را در سطح ۹۵٪ تأیید کند؛ تغییرهای دیگر ممکن است تصادفی باشند.
summary-certainty-backtest = تغییری معنادار خوانده می‌شود که یک آزمون آماری آن را در سطح ۹۵٪ تأیید کند؛ مدل چشم‌انداز وقتی روی همین دوره سنجیده شد { $error }٪ خطا داشت.
summary-quality = { $rows-text } ردیف قرنطینه شد و { $missing-text } شاخص کلیدی داده ندارد؛ بخش کیفیت داده‌ها را ببینید.

## واژه‌نامه

term-significant = معنادار
term-significant-meaning = آزمون آماری نشان می‌دهد که تغییر به احتمال زیاد تصادفی نیست (در سطح ۹۵٪)؛ «p» احتمال آن است که تغییری به این بزرگی فقط از روی تصادف رخ دهد.
term-interval = بازهٔ اطمینان ۹۵٪
term-interval-meaning = بازه‌ای که مقدار واقعی با اطمینان ۹۵٪ در آن است، با توجه به تعداد مشتریانی که پاسخ دادند یا خرید کردند.
term-percentage-point = واحد درصد
term-percentage-point-meaning = اختلاف دو درصد: از ۲۰٪ به ۲۲٪ یعنی ۲ واحد درصد (۱۰٪ افزایش نسبی).
term-untested = آزمونی کاربرد ندارد
term-untested-meaning = مجموعی مانند درآمد همه‌چیز را می‌شمارد نه یک نمونه را، پس هیچ آزمونی نمی‌تواند بگوید تغییر آن بیش از نوسان عادی است یا نه؛ Rapport چنین تغییری را فقط وقتی دست‌کم ۱۰٪ باشد ذکر می‌کند.
term-nps = شاخص خالص ترویج‌کنندگان (NPS)
term-nps-meaning = سهم مشتریانی که این کسب‌وکار را توصیه می‌کنند (۹ تا ۱۰ از ۱۰) منهای سهم کسانی که توصیه نمی‌کنند (۰ تا ۶)، از −۱۰۰ تا ۱۰۰.
term-csat = رضایت مشتری (CSAT)
term-csat-meaning = سهم مشتریانی که به تجربهٔ خود نمرهٔ ۴ یا ۵ از ۵ دادند.
term-ces = شاخص تلاش مشتری (CES)
term-ces-meaning = اینکه مشتریان به‌طور میانگین چقدر راحت به آنچه لازم داشتند رسیدند؛ عدد بالاتر یعنی راحت‌تر.
term-churn = نرخ ریزش
term-churn-meaning = سهمی از مشتریان ابتدای دوره که در طول دوره دیگر مشتری نماندند.
term-active-customer = مشتریان فعال
term-active-customer-meaning = مشتریانی که اشتراک فعال دارند یا آخرین سفارششان آن‌قدر تازه است که هنوز مشتری به شمار آیند.
term-conversion = نرخ تبدیل
term-conversion-meaning = سهم بازدیدهای وب‌سایت که به خرید انجامید.
term-fcr = حل در نخستین تماس
term-fcr-meaning = سهم درخواست‌های پشتیبانی که در نخستین تماس حل شدند.
term-custom = شاخص‌های اختصاصی شما
term-custom-meaning = شاخص‌هایی که برای این کسب‌وکار به‌صورت پرس‌وجو روی داده‌هایش تعریف شده‌اند؛ با دوره‌های پیشین مقایسه می‌شوند، اما آزمون معناداری برایشان کاربرد ندارد.
term-target = هدف
term-target-meaning = مقداری که برای رسیدن یک شاخص در این دوره توافق شده است.
term-benchmark = معیار مقایسه
term-benchmark-meaning = مقداری از یک کسب‌وکار یا پژوهش مشابه، همراه با منبع آن، تا عدد در بستر درستش دیده شود.
term-clv = ارزش طول عمر مشتری (CLV)
term-clv-meaning = مبلغی که انتظار می‌رود مشتری از این پس خرج کند، تنزیل‌شده به ارزش پول امروز.
term-p-alive = احتمال فعال‌بودن
term-p-alive-meaning = احتمالی که مدل می‌دهد برای اینکه مشتری بی‌صدا خرید را کنار نگذاشته باشد، بر پایهٔ اینکه چند وقت یک‌بار و چقدر تازه خرید کرده است.
term-backtest = آزمون گذشته‌نگر
term-backtest-meaning = مدل روی داده‌های قدیمی‌تر برازش می‌شود و دوره‌ای را که گذشته است پیش‌بینی می‌کند تا نشان دهد چقدر ممکن است خطا کند.
term-retention-curve = منحنی نگه‌داشت
term-retention-curve-meaning = سهم مشترکان جدیدی که پس از هر ماه هنوز مشترک‌اند، برآوردشده از کوهورت‌های گذشته.
term-cohort = کوهورت
term-cohort-meaning = مشتریانی که نخستین خرید (یا اشتراک) خود را در یک ماه انجام دادند و در ماه‌های بعد دنبال می‌شوند.
term-funnel = قیف فروش
term-funnel-meaning = مراحل از بازدید تا خرید، و اینکه چند بازدیدکننده به هر مرحله می‌رسند.
term-forecast-interval = بازه‌های ۸۰٪ و ۹۵٪
term-forecast-interval-meaning = بازه‌ای که مقدار آینده به احتمال ۸۰٪ (یا ۹۵٪) در آن قرار می‌گیرد، اگر الگوی گذشته ادامه یابد.
term-triangulation = مقایسهٔ منابع داده
term-triangulation-meaning = یک کمیت که دو سامانهٔ شما جداگانه شمرده‌اند؛ اختلاف بیش از حد مجاز یعنی یکی از آن‌ها چیزی را جا انداخته یا دو بار شمرده است.
term-quarantine = ردیف‌های قرنطینه‌شده
term-quarantine-meaning = ردیف‌هایی از خروجی‌های مشتری که از یک بررسی رد شدند (تاریخ ناموجود، نمرهٔ ناممکن)؛ کنار گذاشته می‌شوند و تا اصلاح نشوند در محاسبه نمی‌آیند.

## ارسال: ایمیلی که گزارش زمان‌بندی‌شده با آن فرستاده می‌شود و پیام‌های اجرای زمان‌بند

mail-subject = { $client }: { $title }، { $period }
mail-intro-attached = گزارش { $period } پیوست است: یک PDF برای خواندن یا چاپ، و همان گزارش به‌صورت صفحهٔ وب برای باز کردن در هر مرورگری.
mail-intro-inline = گزارش { $period } در ادامه آمده و به‌صورت PDF برای خواندن یا چاپ پیوست شده است.
mail-notices = توجه:
mail-summary = به طور خلاصه:
mail-sign-off = در پاسخ به این ایمیل بگویید چه چیزی گزارش بعدی را سودمندتر می‌کند.
schedule-delivered = { $client }، { $period }: گزارش { $run } به { $to } تحویل شد.
schedule-delivered-stale = { $client }، { $period }: گزارش { $run } به { $to } تحویل شد، با این هشدار که { $sources } از پایان دوره تاکنون بارگذاری نشده است.
schedule-waiting = { $client }، { $period }: تا { $until } منتظر { $sources } می‌مانیم که از پایان دوره تاکنون بارگذاری نشده است.
schedule-awaiting-approval = { $client }، { $period }: گزارش { $run } منتظر تأیید است: `rapport report approve { $client-id } { $run }` آن را می‌فرستد و `rapport report reject { $client-id } { $run }` نمی‌فرستد.
schedule-failed = { $client }، { $period }: تحویل نشد: { $reason }. اجرای بعدی `rapport schedule run` دوباره تلاش می‌کند.
schedule-busy = { $client }، { $period }: فرایند دیگری در حال کار روی آن است.
schedule-rejected = { $client }، { $period }: گزارش { $run } رد شد و فرستاده نمی‌شود.
schedule-nothing-due = کاری در نوبت نیست: آخرین گزارش هر زمان‌بندی تحویل شده، رد شده یا منتظر تأیید است.


## واژه‌ها: دوره‌ها، تاریخ‌ها، مدت‌ها و تغییرها، همان‌گونه که همهٔ رابط‌ها می‌نویسند

month-1 = ژانویه
month-2 = فوریه
month-3 = مارس
month-4 = آوریل
month-5 = مه
month-6 = ژوئن
month-7 = ژوئیه
month-8 = اوت
month-9 = سپتامبر
month-10 = اکتبر
month-11 = نوامبر
month-12 = دسامبر
period-month = { $month } { $year }
period-quarter = فصل { $quarter } { $year }
period-week = هفتهٔ { $week } از { $year }
period-range = { $from } تا { $to }
date-day = { $day } { $month } { $year }
# Months of the Solar Hijri (Persian) calendar, for clients who keep it.
solar-hijri-month-1 = فروردین
solar-hijri-month-2 = اردیبهشت
solar-hijri-month-3 = خرداد
solar-hijri-month-4 = تیر
solar-hijri-month-5 = مرداد
solar-hijri-month-6 = شهریور
solar-hijri-month-7 = مهر
solar-hijri-month-8 = آبان
solar-hijri-month-9 = آذر
solar-hijri-month-10 = دی
solar-hijri-month-11 = بهمن
solar-hijri-month-12 = اسفند
solar-hijri-month-short-1 = فروردین
solar-hijri-month-short-2 = اردیبهشت
solar-hijri-month-short-3 = خرداد
solar-hijri-month-short-4 = تیر
solar-hijri-month-short-5 = مرداد
solar-hijri-month-short-6 = شهریور
solar-hijri-month-short-7 = مهر
solar-hijri-month-short-8 = آبان
solar-hijri-month-short-9 = آذر
solar-hijri-month-short-10 = دی
solar-hijri-month-short-11 = بهمن
solar-hijri-month-short-12 = اسفند
date-with-gregorian = { $date } ({ $gregorian } میلادی)
date-time = { $date }، ساعت { $time } ({ $zone })
duration-seconds = { $n } ثانیه
duration-minutes = { $n } دقیقه
duration-hours = { $n } ساعت
duration-days = { $n } روز
change-points-short = { $n } واحد درصد
change-percentage-points = { $n } واحد درصد
change-points = { $n-text } امتیاز
change-none = مقداری برای { $period } جهت مقایسه وجود ندارد
change-unchanged = بدون تغییر نسبت به { $period }
change-moved = { $size } { $direction ->
    [up] افزایش
   *[down] کاهش
  } نسبت به { $period }{ $verdict ->
    [significant] ، معنادار
    [not-significant] ، غیرمعنادار
   *[untested] {""}
  }
metric-missing = { $metric }: ناموجود ({ $reason })
metric-no-data = بدون داده

## چرا یک شاخص مقدار ندارد (METRICS.md: ناموجود، هرگز صفر)؛ rapport_metrics::Why
missing-undefined = مقدار تعریف‌نشده است (تقسیم بر صفر)
missing-not-computed = محاسبه نشده است
missing-no-nps-responses = در این دوره هیچ پاسخ NPS ثبت نشده است
missing-no-csat-responses = در این دوره هیچ پاسخ CSAT ثبت نشده است
missing-no-ces-responses = در این دوره هیچ پاسخ CES ثبت نشده است
missing-ces-scales = پاسخ‌های CES روی مقیاس‌های متفاوت ({ $low-a }–{ $high-a } و { $low-b }–{ $high-b }) هستند و نمی‌توان میانگین مشترکی از آن‌ها گرفت
missing-no-subscriptions-loaded = هیچ اشتراکی بارگذاری نشده است
missing-no-orders-loaded = هیچ سفارش تکمیل‌شده‌ای بارگذاری نشده است
missing-before-first-activity = این دوره پیش از نخستین فعالیت نخستین مشتری به پایان می‌رسد
missing-no-active-subscriptions = در آغاز دوره هیچ اشتراک فعالی وجود نداشت
missing-no-recent-customers = در بازهٔ عدم فعالیتِ پیش از دوره هیچ مشتری‌ای سفارش نداده بود
missing-no-dormant-customers = در این دوره هیچ مشتری‌ای غیرفعال نشد، بنابراین نسبت سریع رشد تعریف‌نشده است
missing-no-orders = در این دوره هیچ سفارش تکمیل‌شده‌ای ثبت نشده است
missing-order-currencies = سفارش‌ها به چند ارز هستند ({ $first } … { $last })؛ برای تبدیل، نرخ‌های ارز را بارگذاری کنید (`rapport ingest CLIENT exchange_rates rates.csv`)
missing-not-attributed = این داده به مشتریان نسبت داده نشده است، بنابراین برای یک بخش مشتریان مقداری ندارد
missing-no-spend-rows = در این دوره هیچ ردیف هزینهٔ بازاریابی ثبت نشده است
missing-no-impressions = در این دوره هیچ نمایشی ثبت نشده است
missing-no-clicks = در این دوره هیچ کلیکی ثبت نشده است
missing-spend-currencies = هزینهٔ تبلیغات به چند ارز است ({ $currencies })؛ برای تبدیل، نرخ‌های ارز را بارگذاری کنید (`rapport ingest CLIENT exchange_rates rates.csv`)
missing-no-conversions-column = دادهٔ هزینه ستون تبدیل ندارد
missing-no-conversion-value = دادهٔ هزینه ارزش تبدیل ندارد
missing-no-conversions = در این دوره هیچ تبدیلی ثبت نشده است
missing-no-spend = در این دوره هیچ هزینه‌ای ثبت نشده است
missing-no-campaigns = در این دوره هیچ کمپین ایمیلی ارسال نشده است
missing-no-posts-with-followers = در این دوره هیچ پست شبکهٔ اجتماعی با تعداد دنبال‌کننده ثبت نشده است
missing-no-posts-with-reach = در این دوره هیچ پست شبکهٔ اجتماعی با میزان دسترسی ثبت نشده است
missing-no-sessions = در این دوره هیچ نشست وب‌سایتی ثبت نشده است
missing-no-carts = در این دوره کسی کالایی به سبد خرید اضافه نکرد (یا همهٔ سبدها کمتر از یک روز عمر دارند)
missing-no-tickets-opened = در این دوره هیچ تیکتی باز نشده است
missing-no-tickets-resolved = در این دوره هیچ تیکتی حل نشده است
missing-no-contact-counts = در این دوره هیچ تیکت حل‌شده‌ای تعداد تماس ندارد
missing-no-escalation-flags = در این دوره هیچ تیکت بازشده‌ای نشانگر ارجاع ندارد
missing-no-first-responses = در این دوره هیچ تیکت بازشده‌ای زمان نخستین پاسخ ندارد
missing-no-churn = در این دوره ریزشی رخ نداد، بنابراین طول عمر مورد انتظار تعریف‌نشده است
missing-no-new-customers = در این دوره هیچ مشتری جدیدی جذب نشد
missing-clv-cac-currencies = ارزش طول عمر مشتری به { $clv } و هزینهٔ تبلیغات به { $spend } است؛ برای مقایسه، نرخ‌های ارز را بارگذاری کنید (`rapport ingest CLIENT exchange_rates rates.csv`)
missing-cac-zero = هزینهٔ جذب مشتری صفر است
missing-input = { $metric } مقداری ندارد: { $cause }
missing-no-column = ستون `{ $by }` در { $entity } وجود ندارد
missing-customers-not-split = مشتریان بر اساس `{ $by }` تفکیک نمی‌شوند؛ برای ویژگی مشتری از `--by customer.{ $by }` استفاده کنید
missing-no-query-value = پرس‌وجو برای این دوره مقداری برنگرداند

## آنچه دادهٔ مشتری برای یک مدل کم دارد (rapport_predict::Lack)
lack-no-orders = `{ $client }` هیچ سفارش تکمیل‌شده‌ای ندارد؛ سفارش‌ها را با `rapport ingest { $client } orders FILE` بارگذاری کنید
lack-no-orders-before = `{ $client }` پیش از { $day } هیچ سفارش تکمیل‌شده‌ای ندارد؛ سفارش‌ها را با `rapport ingest { $client } orders FILE` بارگذاری کنید
lack-no-order-items = سفارش‌های تکمیل‌شدهٔ `{ $client }` اقلام ندارند؛ آن‌ها را با `rapport ingest { $client } order_items FILE` بارگذاری کنید
lack-customer-without-items = مشتری `{ $customer }` در `{ $client }` هیچ سفارش تکمیل‌شده‌ای با اقلام ندارد
lack-no-subscriptions = `{ $client }` هیچ اشتراکی ندارد؛ آن‌ها را با `rapport ingest { $client } subscriptions FILE` بارگذاری کنید
lack-nothing-to-forecast = هیچ سفارش تکمیل‌شده‌ای برای پیش‌بینی وجود ندارد
lack-too-few-periods = `{ $client }` تنها { $have-text } دورهٔ کامل داده دارد؛ پیش‌بینی دست‌کم به { $need-text } دوره نیاز دارد
lack-broken-series = { $metric } در { $period } مقداری ندارد ({ $why })؛ پیش‌بینی به یک سری بی‌وقفه نیاز دارد
lack-too-few-active = { $at-cutoff-text } مشتری فعال در تاریخ مرجع و { $later-text } مشتری یک بازه بعد؛ برای هر کدام دست‌کم { $need-text } مشتری لازم است
lack-order-currencies = سفارش‌های تکمیل‌شده به چند ارز هستند ({ $currencies })؛ هزینهٔ هر مشتری به یک ارز نیاز دارد، پس پیش از پیش‌بینی سفارش‌ها را تبدیل کنید
list-more = { $list } … و { $n-text } مورد دیگر


## نام شاخص‌ها (METRICS.md)؛ شاخص اختصاصی همان نامی را دارد که در تعریفش آمده

metric-nps = شاخص خالص ترویج‌کنندگان (NPS)
metric-csat = رضایت مشتری (دو گزینهٔ بالا)
metric-ces = شاخص تلاش مشتری (میانگین)
metric-customers_start = مشتریان در آغاز دوره
metric-customers_end = مشتریان در پایان دوره
metric-new_customers = مشتریان جدید
metric-churn_rate = نرخ ریزش
metric-retention_rate = نرخ نگه‌داشت
metric-net_customer_growth = رشد خالص مشتریان
metric-active_customers = مشتریان فعال
metric-lifecycle_new = چرخهٔ عمر: جدید
metric-lifecycle_returning = چرخهٔ عمر: بازگشتی
metric-lifecycle_resurrecting = چرخهٔ عمر: فعال‌شدهٔ دوباره
metric-lifecycle_dormant = چرخهٔ عمر: غیرفعال
metric-quick_ratio = نسبت سریع رشد (Quick ratio)
metric-revenue = درآمد
metric-orders = سفارش‌ها
metric-aov = میانگین ارزش سفارش
metric-purchase_frequency = تناوب خرید
metric-repeat_purchase_rate = نرخ خرید مجدد
metric-clv_simple = ارزش طول عمر مشتری (ساده)
metric-cac = هزینهٔ جذب مشتری
metric-clv_cac_ratio = CLV:CAC
metric-impressions = نمایش‌ها
metric-clicks = کلیک‌ها
metric-spend = هزینهٔ تبلیغات
metric-ctr = نرخ کلیک (CTR)
metric-cpc = هزینه به ازای هر کلیک
metric-cpm = هزینه به ازای هر ۱٬۰۰۰ نمایش
metric-cpa = هزینه به ازای هر جذب
metric-roas = بازده هزینهٔ تبلیغات (ROAS)
metric-conversion_rate = نرخ تبدیل
metric-email_open_rate = نرخ باز شدن ایمیل
metric-email_ctr = نرخ کلیک ایمیل
metric-social_engagement_rate = نرخ تعامل در شبکه‌های اجتماعی (دنبال‌کنندگان)
metric-social_engagement_rate_reach = نرخ تعامل در شبکه‌های اجتماعی (دسترسی)
metric-sessions = نشست‌ها
metric-avg_session_duration = میانگین مدت نشست
metric-engagement_rate = نرخ درگیری (GA4)
metric-bounce_rate = نرخ پرش (GA4)
metric-bounce_rate_single_page = نرخ پرش (تک‌صفحه)
metric-cart_abandonment_rate = نرخ رهاسازی سبد خرید
metric-tickets_opened = تیکت‌های بازشده
metric-tickets_resolved = تیکت‌های حل‌شده
metric-fcr = حل در نخستین تماس
metric-escalation_rate = نرخ ارجاع به سطح بالاتر
metric-first_response_time = زمان نخستین پاسخ (میانگین)
metric-resolution_time = زمان حل (میانگین)


## کوهورت‌ها و تفکیک‌ها: نخستین فعالیت یک کوهورت و ویژگی‌هایی که تفکیک بر پایهٔ آن‌هاست

cohort-activity-orders = سفارش
cohort-activity-subscriptions = اشتراک
attribute-channel = کانال
attribute-country = کشور
attribute-city = شهر
attribute-segment = بخش مشتریان
attribute-device = دستگاه
attribute-source = منبع
attribute-campaign = کمپین
attribute-plan = طرح اشتراک
attribute-category = دسته‌بندی
attribute-platform = پلتفرم

## متن‌های خط فرمان (در گزارش‌ها نمی‌آیند)

load-summary = { $client }/{ $entity } از { $source }: { $read-text } ردیف خوانده شد، { $loaded-text } ردیف بارگذاری شد{ $replaced ->
        [0] {""}
        [one] {" "}({ $replaced-text } ردیف به‌جای ردیفی قبلی)
       *[other] {" "}({ $replaced-text } ردیف به‌جای ردیف‌های قبلی)
    }، { $quarantined-text } ردیف قرنطینه شد، { $duplicates-text } ردیف از قبل بارگذاری شده بود{ $kept ->
        [0] {""}
        [one] {" "}(از این میان { $kept-text } ردیف را منبع دیگری بارگذاری کرده بود و همان حفظ شد)
       *[other] {" "}(از این میان { $kept-text } ردیف را منبع دیگری بارگذاری کرده بود و همان‌ها حفظ شد)
    }{ $continued ->
        [0] {""}
        [one] ، { $continued-text } سطر ادامهٔ رکورد بالای خود
       *[other] ، { $continued-text } سطر ادامهٔ رکورد بالای خود
    }{ $merged ->
        [0] {""}
        [one] ، { $merged-text } سطر با سطر دیگری با همان کلید ادغام شد (جدیدترین ملاک است)
       *[other] ، { $merged-text } سطر با سطرهای دیگری با همان کلید ادغام شد (جدیدترین ملاک است)
    } ({ $seconds } ثانیه، { $rate } ردیف در ثانیه)
load-problem = { $rows-text } ردیف قرنطینه شد (ستون { $column }: { $rule })
load-example-row = ردیف { $row-text }
load-example-value = ردیف { $row-text }: { $value }
load-problem-any-column = { $rows-text } ردیف قرنطینه شد ({ $rule })
load-totals-skipped = { $n-text } ردیف جمع کل در خروجی کنار گذاشته شد
load-quarantine-file = ردیف‌های قرنطینه‌شده: { $file }
load-columns-not-read = ستون‌های خوانده‌نشده: { $columns }
load-columns-ignored = { $n-text } ستون دیگر عمداً با فهرست [ignore] نگاشت کنار گذاشته شد
cli-demo-intro = دموی Rapport: سه مشتری، از { $from } تا { $to }، بذر تصادفی { $seed }.
demo-client = { $name } ({ $id }، { $kind ->
        [shop] فروشگاه اینترنتی
        [saas] نرم‌افزار اشتراکی (SaaS)
       *[services] خدمات محلی
    }): فایل‌های خروجی در { $dir }
cli-demo-export-preset = { $file } (پیش‌تنظیم { $preset })
cli-demo-totals = در مجموع: { $read } ردیف خوانده شد (هر ردیف یک بار برای هر موجودیتی که پر می‌کند)، { $loaded } ردیف بارگذاری شد، { $quarantined } ردیف قرنطینه شد، از { $duplicates } ردیف تکراری گذشتیم و { $items } سطر به رکوردِ سطر دیگری پیوست؛ در { $seconds } ثانیه.
cli-demo-workspace = فضای کار: { $dir }   (خروجی‌های خام در { $exports }، ردیف‌های قرنطینه‌شده در { $quarantine })
cli-demo-metrics = شاخص‌ها (ماه گذشته در مقایسه با ماه پیش از آن؛ همهٔ شاخص‌های METRICS.md):
cli-demo-predictions = پیش‌بینی‌ها:
cli-demo-serve-note = صفحه‌های وب، به تاریخ پایان داده‌ها (نخست کاربری بیفزایید: rapport user add --help)
cli-demo-explore = برای کاوش بیشتر: کوهورت‌ها، قیف‌ها، مقایسه‌ها، آزمون‌های A/B، نظر مشتریان، SQL:
cli-demo-solar-month = { $month }، یک ماه هجری شمسی
cli-demo-preset-note = خروجی Shopify بالا چگونه خوانده شد
cli-demo-reports = گزارش‌ها (آخرین فصل کامل، HTML، PDF و JSON؛ { $seconds } ثانیه):
cli-more = بیشتر
cli-no-report = { $client }: گزارشی ساخته نشد: { $error }
cli-no-clients = هنوز مشتری‌ای ندارید؛ با `rapport client add ID --name NAME` یکی اضافه کنید.
cli-column-id = شناسه
cli-column-name = نام
cli-column-calendar = تقویم
cli-column-week-from = آغاز هفته
cli-metrics-period = { $client } · { $period } ({ $from } تا { $to })
cli-metrics-incomplete = دوره هنوز تمام نشده است
cli-metrics-compared = در مقایسه با { $period } ({ $from } تا { $to })
cli-metrics-segment = بخش: { $segment }
cli-column-metric = شاخص
cli-column-value = مقدار
cli-column-interval = بازهٔ ۹۵٪
cli-column-previous = دورهٔ قبل
cli-column-change = تغییر
cli-target = هدف { $value }
cli-target-met = هدف { $value } محقق شد
cli-target-missed = هدف { $value } محقق نشد

## Command line: names of groups, calendars, days and tests
metric-group-survey = نظرسنجی
metric-group-customer-base = پایگاه مشتریان
metric-group-value = ارزش
metric-group-marketing = بازاریابی
metric-group-social = شبکه‌های اجتماعی
metric-group-support = پشتیبانی
metric-group-web = وب‌سایت
calendar-gregorian = میلادی
calendar-solar-hijri = هجری شمسی
weekday-monday = دوشنبه
weekday-tuesday = سه‌شنبه
weekday-wednesday = چهارشنبه
weekday-thursday = پنجشنبه
weekday-friday = جمعه
weekday-saturday = شنبه
weekday-sunday = یکشنبه
test-two_proportion_z = آزمون z دو نسبت
test-welch_t = آزمون t ولش
test-nps_margin = حاشیهٔ خطای NPS
test-poisson_rate = آزمون نرخ پواسون

## Command line: targets
cli-target-set = هدف { $metric } برای { $client } در { $period }: { $value }
cli-targets-none = { $client } هدفی ندارد؛ با `rapport target set { $client } METRIC PERIOD VALUE` هدف بگذارید یا اهداف را به‌صورت موجودیت `targets` بارگذاری کنید
cli-column-period = دوره
cli-column-target = هدف
cli-column-origin = منبع
cli-target-origin-set = تعیین‌شده در { $day }
cli-target-origin-loaded = بارگذاری‌شده از { $source }
cli-target-overridden = (هدف تعیین‌شده جایگزین آن شده است)

## Command line: cohorts and funnels
cli-cohorts-title = { $client } · کوهورت‌ها بر اساس { $unit ->
    [week] هفتهٔ
   *[month] ماه
} نخستین { $activity ->
    [subscriptions] اشتراک
   *[orders] سفارش
} · { $criteria ->
    [on-or-after] فعال در همان دوره یا پس از آن
   *[on] فعال دقیقاً در همان دوره
}، درصد { $reference ->
    [previous] از دورهٔ قبل
   *[first] از اندازهٔ کوهورت
}
cli-cohorts-none = هنوز مشتری‌ای نیست
cli-column-cohort = کوهورت
cli-column-size = اندازه
cli-cohorts-legend = … دوره هنوز تمام نشده است (افت نیست)؛ میانگین بر اساس اندازهٔ کوهورت و فقط روی خانه‌های کامل وزن‌دهی شده است
cli-funnel-title = { $client } · قیف { $per ->
    [session] نشست‌های
   *[person] افراد
} واردشده در { $period } · مراحل { $order ->
    [strict] دقیقاً به ترتیب
    [any] به هر ترتیب
   *[ordered] به ترتیب
} در { $window }
cli-column-step = مرحله
cli-column-event = رویداد
cli-column-count = تعداد
cli-column-from-previous = از قبلی
cli-column-from-first = از نخستین
cli-column-dropped = ریزش
cli-column-in-progress = در جریان
cli-column-median-time = زمان میانه
cli-funnel-excluded = { $per ->
    [session] نشست‌های
   *[person] افراد
} حذف‌شده به دلیل { $events } میان مراحل: { $count }
cli-funnel-cart = رهاسازی سبد خرید: { $rate } ({ $converted } از { $carts } سبد در بازهٔ سبد خریده شد، توسط { $units } از { $all } { $per ->
    [session] نشست
   *[person] نفر
}؛ { $open } هنوز در بازه)

## Command line: comparisons and A/B tests
cli-compare-title = { $client } · { $metric } به تفکیک { $by } · { $period }
cli-column-attribute-value = مقدار
cli-column-spend = هزینه
cli-column-vs-best = در برابر بهترین
cli-compare-best = بهترین
cli-compare-footnote = * در سطح ۹۵٪ با بهترین تفاوت دارد ({ $test }، با تصحیح هولم برای { $comparisons-text } مقایسه)
cli-note = یادداشت: { $text }
cli-abtest-title = { $client } · آزمون A/B برای { $metric } · { $period }
cli-interval = (بازهٔ اطمینان ۹۵٪ { $low } تا { $high })
cli-abtest-lift = بهبود B نسبت به A: { $lift }٪
cli-abtest-lift-interval = بهبود B نسبت به A: { $lift }٪ (بازهٔ اطمینان ۹۵٪ از { $low }٪ تا { $high }٪)
cli-abtest-significant = { $test }: { $p } → تفاوت در سطح ۹۵٪ معنادار است
cli-abtest-not-significant = { $test }: { $p } → در سطح ۹۵٪ معنادار نیست: داده‌ها دو گروه را از هم تمیز نمی‌دهند
cli-abtest-no-test = آزمون تفاوتی در کار نیست
cli-abtest-bayes = P(B > A) = { $probability }٪؛ زیان مورد انتظار با انتخاب B { $loss-b } واحد درصد و با انتخاب A { $loss-a } واحد درصد
cli-metrics-footnote = * معنادار در سطح ۹۵٪؛ تغییر نرخ‌ها بر حسب واحد درصد است

## Notes on how a result was made
note-split-by-column = تفکیک بر اساس ستون `{ $by }` در { $entities }؛ شاخص‌های { $unsplit } تفکیک نشده‌اند
note-split-by-column-all = تفکیک بر اساس ستون `{ $by }` در { $entities }
note-split-by-field = تفکیک بر اساس فیلد مشتری `{ $field }`؛ داده‌هایی که به مشتری نسبت داده نشده‌اند (تبلیغات، ایمیل، شبکه‌های اجتماعی) در هیچ گروهی نیستند
note-several-groups = مشتری‌ای که چند مقدار `{ $field }` دارد در چند گروه قرار می‌گیرد
note-largest-groups = `{ $by }` { $values-text } مقدار دارد؛ { $shown-text } مقدار بزرگ‌تر نمایش داده شده‌اند
note-inactivity = مشتریان از روی سفارش‌ها شمرده می‌شوند: مشتری تا زمانی فعال است که آخرین سفارشش حداکثر { $days-text } روز پیش ثبت شده باشد
note-no-data-for = در این دوره برای { $metric } در این مقادیر داده‌ای نیست: { $values }
note-foreign-spend = هزینهٔ { $values } به { $home } نیست: تا بارگذاری نرخ‌های ارز، هزینه، CPA، ROAS و CAC برای آن‌ها در دسترس نیست
note-no-ad-spend = در این دوره هزینهٔ تبلیغاتی ثبت نشده است: CPA، ROAS و CAC در دسترس نیستند
note-largest-arms = گروه‌ها دو مقدار بزرگ‌تر `{ $column }` هستند؛ با --a-value و --b-value آن‌ها را نام ببرید
note-both-arms = مشتری‌ای که با هر دو فیلتر جور باشد در هر دو گروه است
note-no-test = { $metric } نه نسبت است، نه میانگین و نه NPS، بنابراین آزمون تفاوتی ندارد

## Command line: models
cli-files-predictions = نتایج هر مشتری: { $file } (و ‎.csv)
cli-files-segments = بخش هر مشتری با نام `{ $name }` ذخیره شد: { $file } (و ‎.csv)
cli-files-churn = امتیاز هر مشتری: { $file } (و ‎.csv)
cli-files-recommendations = فهرست هر مشتری: { $file } (و ‎.csv)
time-units = { $unit ->
    [day] روز
    [week] هفته
    [month] ماه
   *[year] سال
}
cli-predict-fit = { $client }: { $model } بر سفارش‌های تکمیل‌شدهٔ { $customers-text } مشتری از { $from } تا { $to } برازش شد (زمان بر حسب { $units })
cli-predict-fit-opportunities = { $client }: { $model } بر سفارش‌های تکمیل‌شدهٔ { $customers-text } مشتری از { $from } تا { $to } برازش شد (فرصت‌ها: هر { $units } تقویمی پس از نخستین خرید هر مشتری)
cli-log-likelihood = لگاریتم درست‌نمایی { $value }
cli-predict-spend-independent = هزینه: گاما-گاما روی { $customers-text } مشتری تکراری، { $params }؛ همبستگی دفعات و هزینه { $rho } (کوچک: فرض استقلال برقرار است)
cli-predict-spend-doubtful = هزینه: گاما-گاما روی { $customers-text } مشتری تکراری، { $params }؛ همبستگی دفعات و هزینه { $rho } (بیش از ۰٫۳: فرض استقلال مدل تردیدبرانگیز است، CLV را با احتیاط بخوانید)
cli-predict-no-spend = هزینه: مدل گاما-گاما برازش نشد، پس CLV در کار نیست: { $error }
cli-predict-next = { $horizon } آینده: { $transactions-text } تراکنش مورد انتظار؛ حدود { $active } از { $customers-text } مشتری هنوز فعال؛ مجموع CLV برابر { $clv } (تنزیل سالانهٔ { $discount }٪)
cli-predict-next-margin = { $horizon } آینده: { $transactions-text } تراکنش مورد انتظار؛ حدود { $active } از { $customers-text } مشتری هنوز فعال؛ مجموع CLV برابر { $clv } (تنزیل سالانهٔ { $discount }٪، حاشیهٔ سود { $margin }٪)
cli-predict-risk = ریسک ریزش (P(فعال) کمتر از ۰٫۳ زیاد، کمتر از ۰٫۷ متوسط): { $high } زیاد، { $medium } متوسط، { $low } کم
cli-predict-holdout = آزمون دورهٔ کنارگذاشته، { $from } تا { $to } ({ $length } { $units }): تراکنش‌های تکراری هر مشتری بر حسب دفعات دورهٔ برازش
cli-predict-holdout-total = مجموع: { $predicted } پیش‌بینی‌شده، { $actual } واقعی ({ $error }٪)
cli-predict-top = { $count-text } مشتری برتر بر اساس CLV:
cli-column-customer = مشتری
cli-column-customers = مشتریان
cli-column-predicted = پیش‌بینی
cli-column-actual = واقعی
cli-column-expected = مورد انتظار
cli-column-risk = ریسک
risk-high = زیاد
risk-medium = متوسط
risk-low = کم
cli-retention-fit = { $client }: مدل ماندگاری بتا-هندسی انتقال‌یافته بر { $cohorts-text } کوهورت برازش شد ({ $customers-text } مشتری، تا { $day })
cli-retention-churn = میانگین احتمال ریزش در هر { $unit ->
    [year] سال
   *[month] ماه
} { $churn }٪
cli-column-survival = بقا
cli-column-retention = ماندگاری
cli-column-observed = مشاهده‌شده
cli-retention-lifetime = مشترک تازه با احتساب تنزیل { $lifetime } { $units } می‌ماند (تنزیل { $discount }٪ در سال)
cli-retention-lifetime-worth = مشترک تازه با احتساب تنزیل { $lifetime } { $units } می‌ماند (تنزیل { $discount }٪ در سال) و با میانگین پرداخت امروز { $worth } ارزش دارد
cli-segments-kmeans = k-means، با k = { $k } که بر اساس ضریب سیلوئت انتخاب شد ({ $scores })
cli-segments-rfm = پنجک‌های RFM
cli-segments-title = { $client }: { $customers-text } مشتری تا { $day }، { $how }
cli-column-segment = بخش
cli-column-share = سهم
cli-column-revenue = درآمد
cli-column-recency = تازگی
cli-column-purchases = خریدها
cli-churn-definition = { $client }: ریزش = نبود خرید در { $days-text } روز.
cli-churn-trained = آموزش روی { $customers-text } مشتری فعال در { $day } ({ $rate }٪ ریزش)،
cli-churn-tested = آزمون روی { $customers-text } مشتری فعال در { $day } ({ $rate }٪ ریزش) که مدل نتیجهٔ آن‌ها را ندیده است:
cli-churn-quality = ROC AUC { $auc } (۰٫۵ یعنی شیر یا خط، ۱ یعنی بی‌نقص)؛ ۱۰٪ پرریسک‌ترین: دقت { $precision }٪، بازیابی { $recall }٪
cli-churn-calibration = واسنجی (دهک‌ها بر حسب ریسک پیش‌بینی‌شده): پیش‌بینی → مشاهده
cli-churn-drivers = آنچه ریسک را بالا می‌برد (لگاریتم بخت به ازای هر انحراف معیار):
cli-churn-constant = استفاده نشد، برای همهٔ مشتریان یکسان است (آیا منبع آن بارگذاری شده؟): { $features }
cli-churn-scored = { $customers-text } مشتری فعال در { $day } امتیاز گرفتند؛ بیشترین ریسک:
cli-churn-score = (آخرین خرید { $days-text } روز پیش، { $purchases-text } خرید)
churn-feature-recency_days = روزهای گذشته از آخرین خرید
churn-feature-purchases = خریدها (روزهای دارای سفارش تکمیل‌شده) تا کنون
churn-feature-mean_spend = میانگین هزینهٔ هر خرید
churn-feature-tenure_days = روزهای گذشته از نخستین خرید
churn-feature-purchases_90d = خریدهای ۹۰ روز گذشته
churn-feature-tickets_90d = تیکت‌های پشتیبانی ۹۰ روز گذشته
churn-feature-escalations_90d = تیکت‌های ارجاع‌شده در ۹۰ روز گذشته
churn-feature-survey_responses = پاسخ‌های نظرسنجی تا کنون
churn-feature-survey_score = آخرین امتیاز نظرسنجی در مقیاس ۰ تا ۱ (۰٫۵ اگر نباشد)
churn-feature-sessions_90d = بازدیدهای سایت در ۹۰ روز گذشته
churn-feature-email_opens_90d = ایمیل‌های کمپین بازشده در ۹۰ روز گذشته
churn-feature-email_clicks_90d = ایمیل‌های کمپین کلیک‌شده در ۹۰ روز گذشته
churn-feature-email_unsubscribed = ۱ اگر از ایمیل‌های کمپین لغو اشتراک کرده باشد، وگرنه ۰
cli-recommend-title = { $client }: { $products-text } محصول که { $customers-text } مشتری خریده‌اند.
cli-recommend-check = آزمون: برازش روی سفارش‌های پیش از { $day }؛ از { $customers-text } مشتری که پس از آن چیزی تازه خریدند، { $hit } یکی از { $k } پیشنهاد خود را خریدند (نرخ اصابت در { $k })؛ { $k } محصول پرفروش‌تر به { $popular } می‌رسیدند.
recommend-popular = پرفروش
recommend-bought-with = همراه با { $product } خریده می‌شود
cli-forecast-title = { $client }: { $metric } در { $periods } دورهٔ کامل؛ { $model } با AICc ({ $aicc }) از میان { $forms } شکل انتخاب شد؛ { $params }
cli-column-interval-80 = بازهٔ ۸۰٪
cli-column-interval-95 = بازهٔ ۹۵٪
cli-forecast-actual = (واقعی)

## Model summaries, one sentence each (the demo, the server)
horizon-days = { $n-text } روز
horizon-weeks = { $n-text } هفته
horizon-months = { $n-text } ماه
horizon-years = { $n-text } سال
sentence-purchase = { $client }: { $model } روی { $customers-text } مشتری؛ در { $horizon } آینده { $transactions-text } تراکنش مورد انتظار، مجموع CLV برابر { $clv }
sentence-per-customer = { $sentence }؛ نتایج هر مشتری در { $file }
sentence-retention = { $client }: منحنی ماندگاری (sBG) روی { $cohorts-text } کوهورت؛ { $month1 } از مشترکان پس از ماه ۱ می‌مانند و { $month12 } پس از ماه ۱۲
sentence-churn = { $client }: طبقه‌بند ریزش (نبود خرید در { $days-text } روز)، ROC AUC برابر { $auc } روی بازه‌ای که مدل ندیده است؛ { $customers-text } مشتری فعلی امتیاز گرفتند
sentence-segments = { $client }: بخش‌بندی { $method }، بزرگ‌ترین بخش‌ها: { $largest }
sentence-forecast = { $client }: پیش‌بینی { $metric }، { $model } (بازه‌های ۸۰٪): { $next }
sentence-recommend = { $client }: پیشنهاد محصول، نرخ اصابت در { $k } برابر { $hit } (محصولات پرفروش { $popular })

## خط فرمان: فضای کار، مشتریان، بارگذاری‌ها، موجودیت‌ها، گزارش‌ها، بازخورد و زمان‌بندی‌ها
cli-init = فضای کار Rapport در { $dir } ساخته شد (منطقهٔ زمانی { $timezone }، ارز { $currency }).
cli-next = گام بعدی: { $command }
cli-next-edit = گام بعدی: آن را ویرایش کنید، سپس `{ $command }`
cli-details = جزئیات: { $command }
cli-client-added = مشتری `{ $id }` ({ $name }) اضافه شد.
cli-client-added-calendar = مشتری `{ $id }` ({ $name }) با تقویم { $calendar } و آغاز هفته از { $weekday } اضافه شد.
cli-client = مشتری `{ $id }` ({ $name }).
cli-client-calendar = مشتری `{ $id }` ({ $name })، با تقویم { $calendar } و آغاز هفته از { $weekday }.
cli-target-reread = یادداشت: هدف { $metric } برای `{ $period }` اکنون به‌عنوان دوره‌ای در تقویم { $now } خوانده می‌شود؛ اگر منظور دوره‌ای در تقویم { $before } بود، آن را دوباره تعیین کنید
cli-no-loads = هنوز بارگذاری‌ای برای `{ $client }` انجام نشده است؛ داده‌ها را با `rapport ingest` بارگذاری کنید.
cli-column-load = بارگذاری
cli-column-finished = پایان
cli-column-entity = موجودیت
cli-column-source = منبع
cli-column-read = خوانده‌شده
cli-column-loaded = بارگذاری‌شده
cli-column-quarantined = قرنطینه
cli-column-duplicates = تکراری
cli-column-items = ادغام‌شده
cli-loads-items = { $column }: سطرهایی که به رکوردِ سطر دیگری تعلق دارند: اقلام بعدی یک سفارش، سفارش‌های دیگر یک مشتری (تکراری نیستند)
cli-entity-summary = کلید ({ $key })؛ الزامی: { $required }
cli-entity-key = { $entity }: کلید ({ $key })
cli-entity-required = الزامی
cli-entity-optional = اختیاری
cli-entity-rule = قاعده: { $rule }
cli-entity-common = هر جدول ستون‌های client_id و source را هم دارد
column-type-text = متن
column-type-integer = عدد صحیح
column-type-decimal = عدد
column-type-timestamp = تاریخ و زمان
column-type-date = تاریخ
column-type-boolean = درست یا نادرست
column-type-list = فهرست
column-rule-non-negative = منفی نیست
column-rule-positive = بزرگ‌تر از صفر
column-rule-one-of = یکی از { $values }
column-rule-currency-code = کد ISO 4217
column-rule-birth-year = سال تولد پذیرفتنی
column-rule-period-label = برچسب دوره
row-rule-not-before = { $later } پیش از { $earlier } نیست
row-rule-survey-scale = امتیاز روی مقیاس نظرسنجی است (nps از ۰ تا ۱۰؛ csat از ۱ تا ۵ و ces از ۱ تا ۷، مگر scale_min/scale_max چیز دیگری بگویند)
cli-no-reports = هنوز گزارشی برای { $client } ساخته نشده است؛ با `rapport report { $client }` یکی بسازید
cli-column-run = اجرا
cli-column-as-of = تا تاریخ
cli-column-made = ساخته‌شده
cli-column-status = وضعیت
cli-column-scheduled = زمان‌بندی
cli-column-files = پرونده‌ها · تحویل
cli-report-definition = تعریف گزارش: { $file }
cli-report-template = قالب: { $file }
cli-report-made = گزارش { $run } · { $client } · { $title } · { $period } ({ $seconds } ثانیه)
cli-no-feedback = هنوز بازخوردی از { $client } نرسیده است.
cli-feedback-line = گزارش { $run } ({ $period })  { $rating } از ۵
cli-schedule-added = زمان‌بندی { $id } برای { $client } اضافه شد: { $rule }. نوبت بعدی { $next } ({ $period })، تحویل به { $deliver }.
cli-schedule-cron = `rapport schedule run` را از cron یا یک تایمر systemd اجرا کنید؛ هر گزارش سررسیده را یک بار می‌فرستد.
cli-schedule-removed = زمان‌بندی { $id } ({ $client }) حذف شد؛ گزارش‌هایش در `rapport report list { $client }` می‌مانند.
cli-no-schedules = زمان‌بندی‌ای وجود ندارد؛ با `rapport schedule add CLIENT --every month --deliver DIR` یکی اضافه کنید.
cli-schedule-rule = { $every ->
        [month] ماهانه
       *[quarter] فصلی
    }، روز { $day } ساعت { $at } { $timezone }{ $approval ->
        [yes] ، با تأیید
       *[no] {""}
    }
cli-column-client = کارفرما
cli-column-when = زمان
cli-column-next-due = نوبت بعدی
cli-column-deliver-to = تحویل به
field-type-text = متن
field-type-number = عدد
field-type-list = فهرست
field-customer_id = شناسهٔ مشتری
field-country = ویژگی مشتری
field-region = ویژگی مشتری
field-city = ویژگی مشتری
field-gender = ویژگی مشتری
field-company_type = B2B یا B2C
field-industry = ویژگی مشتری
field-acquisition_channel = ویژگی مشتری
field-plan = ویژگی مشتری (یا طرح آخرین اشتراک)
field-lifecycle_stage = ویژگی مشتری
field-interests = علایق مشتری؛ با `contains` آزموده می‌شود
field-birth_year = ویژگی مشتری
field-age = سن به سال در پایان دوره، از birth_year
field-age_band = 18-24، 25-34، 35-44، 45-54، 55-64 یا 65+ (همین‌گونه نوشته شوند)
field-acquisition_cost = ویژگی مشتری
field-days_since_signup = روزها از created_at تا پایان دوره
field-orders_30d = سفارش‌های تکمیل‌شده در ۳۰ روز پیش از پایان دوره
field-orders_90d = سفارش‌های تکمیل‌شده در ۹۰ روز پیش از پایان دوره
field-orders_365d = سفارش‌های تکمیل‌شده در ۳۶۵ روز پیش از پایان دوره
field-orders_total = سفارش‌های تکمیل‌شده پیش از پایان دوره
field-revenue_90d = درآمد سفارش‌های تکمیل‌شده در ۹۰ روز پیش از پایان دوره
field-revenue_total = درآمد سفارش‌های تکمیل‌شده پیش از پایان دوره
field-days_since_last_order = روزها از آخرین سفارش تکمیل‌شده تا پایان دوره
field-tickets_90d = تیکت‌های پشتیبانی باز‌شده در ۹۰ روز پیش از پایان دوره
field-last_nps = آخرین امتیاز NPS مشتری (۰ تا ۱۰) پیش از پایان دوره
field-segment = بخشی که یک بخش‌بندی ذخیره‌شده (`rapport segments --save NAME`) داده است
report-status = { $status ->
        [rendering] در حال ساخت
        [written] نوشته شد
       *[failed] ناموفق
    }
run-state = { $state ->
        [due] سررسیده
        [waiting] در انتظار داده
        [rendering] در حال ساخت
        [awaiting_approval] در انتظار تأیید
        [approved] تأییدشده
        [delivering] در حال تحویل
        [delivered] تحویل‌شده
        [rejected] ردشده
       *[failed] ناموفق
    }

## آنچه یک بخش k-means را متمایز می‌کند (rapport_predict::segments::Trait)
segment-average = نزدیک به مشتری میانگین
segment-recency-high = مدت‌هاست خرید نکرده‌اند
segment-recency-low = به‌تازگی خرید کرده‌اند
segment-frequency-high = زیاد خرید می‌کنند
segment-frequency-low = کم خرید می‌کنند
segment-monetary-high = زیاد خرج می‌کنند
segment-monetary-low = کم خرج می‌کنند
segment-tenure-high = مدت‌هاست مشتری‌اند
segment-tenure-low = به‌تازگی مشتری شده‌اند

# rapport cluster و --timeout
cli-timeout = rapport پس از { $seconds-text } ثانیه (--timeout) پیش از پایان فرمان متوقف شد.
cli-cluster-started = یک خوشهٔ محلی راه‌اندازی شد: یک زمان‌بند روی 127.0.0.1:{ $port } و { $executors-text } { $executors ->
    [one] اجراکننده
   *[other] اجراکننده
  }. برای اجرای طرح‌های یک فرمان روی آن `--engine { $engine }` را بیفزایید یا در rapport.toml بنویسید `engine = "{ $engine }"`؛ `rapport cluster stop` آن را متوقف می‌کند.
cli-cluster-stopped = خوشهٔ محلی متوقف شد ({ $processes-text } { $processes ->
    [one] فرایند
   *[other] فرایند
  }).
cli-cluster-stopped-forced = خوشهٔ محلی متوقف شد ({ $processes-text } { $processes ->
    [one] فرایند
   *[other] فرایند
  })؛ { $forced-text } { $forced ->
    [one] فرایند با درخواست پایان نیافت و به اجبار بسته شد
   *[other] فرایند با درخواست پایان نیافتند و به اجبار بسته شدند
  }.
cli-column-role = نقش
cli-column-process = فرایند
cli-column-port = درگاه
cli-column-state = وضعیت
cli-column-log = گزارش کار
cli-cluster-scheduler = زمان‌بند
cli-cluster-executor = اجراکننده
cli-cluster-answers = پاسخ می‌دهد
cli-cluster-silent = در حال اجرا، درگاه بسته
cli-cluster-gone = پایان یافته
cli-cluster-runs-queries = خوشهٔ { $engine } پرس‌وجو اجرا می‌کند: یک پرس‌وجوی یک‌سطری { $millis-text } میلی‌ثانیه طول کشید.
cli-cluster-no-queries = خوشهٔ { $engine } پرس‌وجو اجرا نمی‌کند: { $error }

cli-storage-none = این فضای کار ذخیره‌سازی اشیا ندارد: جدول `[settings.storage]` را با `url = "s3://bucket/prefix"` به rapport.toml بیفزایید (نگاه کنید به `rapport storage sync --help`).
cli-storage-synced = سطل { $url } اکنون همهٔ فایل‌های دادهٔ ثبت‌شده و بخش‌بندی‌های ذخیره‌شدهٔ این مشتریان را دارد.
cli-column-uploaded = بارگذاری‌شده
cli-column-removed = حذف‌شده
cli-column-present = موجود

cli-user-no-password = گذرواژه‌ای در ورودی استاندارد نیست: آن را با لوله بفرستید، برای نمونه `printf '%s\n' "$PASSWORD" | rapport user add …`.
cli-user-added = { $email } با نقش { $role } افزوده شد.
cli-user-every-client = همهٔ کارفرمایان
cli-user-removed = { $email } حذف شد؛ توکن‌هایش دیگر کار نمی‌کنند.
cli-token-created = توکن { $id } برای { $email }، معتبر تا { $expires }. این تنها باری است که نشان داده می‌شود: آن را در یک مدیر گذرواژه یا انبار رمزها نگه دارید.
cli-token-never = هرگز
cli-token-revoked = لغوشده
cli-token-expired = منقضی
cli-token-active = فعال
cli-token-revoked-now = توکن { $id } متعلق به { $email } لغو شد.
cli-column-email = رایانامه
cli-column-clients = کارفرمایان
cli-column-created = ایجاد
cli-column-label = برچسب
cli-column-expires = انقضا

cli-serve-listening = { $workspace } در { $url } ارائه می‌شود (صفحه‌ها در /، API زیر /api). SIGTERM یا Ctrl-C آن را متوقف می‌کند.
cli-serve-stopped = متوقف شد: به همهٔ درخواست‌های در جریان پاسخ داده شد.

## صفحه‌های وب (rapport serve)
web-skip = رفتن به محتوا
web-navigation = صفحه‌ها
web-clients = کارفرمایان
web-customers = مشتریان
web-archive = گزارش‌ها
web-period = دوره
web-compare = مقایسه با
web-compare-previous = دورهٔ قبل
web-language = زبان
web-show = نمایش
web-sign-in = ورود
web-sign-out = خروج
web-email = ایمیل
web-password = گذرواژه
web-bad-login = ایمیل و گذرواژه با هم نمی‌خوانند.
web-too-many = تلاش‌های ناموفق بیش از حد. یک ربع ساعت صبر کنید و دوباره تلاش کنید.
web-not-found = پیدا نشد
web-error = مشکلی پیش آمد
web-back = بازگشت به آغاز
web-read-html = خواندن
web-download-pdf = دریافت PDF
web-rating = امتیاز (۵ بهترین است)
web-comment = دوست دارید در گزارش بعدی چه ببینید؟
web-send = ارسال نظر
web-no-reports = هنوز گزارشی نیست.
web-feedback-thanks = سپاس. گزارش بعدی به نظر شما پاسخ می‌دهد.
web-live-note = زنده، از تازه‌ترین داده‌ها. فهرست گزارش‌ها هر گزارش را همان‌گونه که ساخته شد نگه می‌دارد.
web-forged = این فرم منقضی شده یا از این سایت نیامده است. صفحه را دوباره بارگذاری کنید و دوباره بفرستید.
web-column-report = گزارش
web-column-made = زمان ساخت
web-column-status = وضعیت
web-column-files = فایل‌ها
web-schedules = زمان‌بندی‌ها
web-schedules-title = زمان‌بندی گزارش‌ها
web-schedule-add = افزودن زمان‌بندی
web-schedule-every = هر چند وقت
web-schedule-month = هر ماه، برای ماه پیش
web-schedule-quarter = هر فصل، برای فصل پیش
web-schedule-day = روزی از ماه که فرستاده می‌شود
web-schedule-at = ساعت فرستادن (HH:MM)
web-schedule-deliver = فرستادن از راه (smtp://میزبان:درگاه یا smtps://میزبان:465؛ مدیران می‌توانند پوشه بدهند)
web-schedule-to = گیرندگان (نشانی‌های ایمیل، جداشده با ویرگول)
web-schedule-from = نشانی فرستنده
web-schedule-approval = هر گزارش پیش از فرستادن منتظر تأیید کسی بماند
web-schedule-lang = زبان گزارش
web-schedule-lang-default = همان‌گونه که تعریف گزارش می‌گوید
web-schedule-remove = حذف
web-schedule-none = هنوز زمان‌بندی‌ای نیست.
web-schedule-added = زمان‌بندی افزوده شد.
web-schedule-removed = زمان‌بندی حذف شد.
web-column-when = زمان
web-column-next-due = نوبت بعد
web-column-deliver-to = فرستاده به
web-upload = بارگذاری
web-upload-title = بارگذاری یک خروجی
web-upload-file = فایل خروجی (CSV، JSON یا Parquet؛ چند فایل از یک نوع با هم)
web-upload-entity = محتوای آن
web-upload-detect = تشخیص از روی ستون‌ها
web-upload-check = بررسی فایل
web-upload-load = بارگذاری شود
web-upload-again = بارگذاری فایلی دیگر
web-upload-unknown = ستون‌هایی که خوانده نمی‌شوند:
web-upload-preview = { $files } با پیش‌تنظیم { $preset } ({ $description }) در { $entity } بارگذاری می‌شود؛ این پیش‌تنظیم { $share } از ستون‌ها را می‌شناسد. تا تأیید نکنید چیزی بارگذاری نمی‌شود.
web-upload-preview-entity = { $files } در { $entity } بارگذاری می‌شود. تا تأیید نکنید چیزی بارگذاری نمی‌شود.
web-upload-not-allowed = بیننده داده‌های مشتری را می‌خواند و نظر می‌دهد؛ بارگذاری کار تحلیلگران آژانس است.

## A customer's page (rapport customer, the web): rapport_app::customer
customer-title = مشتری { $customer }
customer-find = یافتن مشتری
customer-find-label = شناسه یا ایمیل مشتری
customer-find-button = یافتن
customer-about = دربارهٔ مشتری
customer-outlook = چشم‌انداز
customer-orders = سفارش‌ها
customer-order-totals = جمع سفارش‌ها
customer-products = پرخریدترین محصولات
customer-subscriptions = اشتراک‌ها
customer-tickets = تیکت‌های پشتیبانی
customer-surveys = پاسخ‌های نظرسنجی
customer-sessions = نشست‌های وب
customer-segments = بخش‌ها
customer-recommendations = محصولات پیشنهادی
customer-shown = { $shown-text } از { $total-text }، تازه‌ترین‌ها اول
customer-not-found = هیچ مشتری { $client } شناسه یا ایمیل «{ $customer }» را ندارد.
customer-none = در داده‌ها چیزی نیست.
customer-no-outlook = هیچ پیش‌بینی ذخیره‌شده‌ای این مشتری را در بر ندارد. پیش‌بینی‌ها را rapport predict و rapport churn ذخیره می‌کنند.
customer-p-alive = احتمال فعال‌ماندن، P(alive)
customer-expected-purchases = خریدهای مورد انتظار
customer-expected-purchases-over = خریدهای مورد انتظار در { $horizon } آینده
customer-clv-over = ارزش مورد انتظار در { $horizon } آینده (CLV)
customer-clv = ارزش طول عمر مورد انتظار (CLV)
customer-risk = خطر ریزش
customer-churn-probability = احتمال ریزش (دسته‌بند)
customer-model = مدل
customer-saved-on = تاریخ پیش‌بینی
customer-yes = بله
customer-no = خیر
customer-column-date = تاریخ
customer-column-order = سفارش
customer-column-amount = مبلغ
customer-column-status = وضعیت
customer-column-channel = کانال
customer-column-items = اقلام
customer-column-orders = سفارش‌ها
customer-column-first = نخستین
customer-column-last = آخرین
customer-column-product = محصول
customer-column-category = دسته
customer-column-quantity = تعداد
customer-column-plan = طرح
customer-column-started = آغاز
customer-column-ended = پایان
customer-column-mrr = درآمد ماهانهٔ تکرارشونده
customer-column-ticket = تیکت
customer-column-resolved = حل‌شده
customer-column-escalated = ارجاع‌شده
customer-column-survey = نظرسنجی
customer-column-score = امتیاز
customer-column-comment = نظر
customer-column-touchpoint = نقطهٔ تماس
customer-column-events = رویدادها
customer-column-pages = صفحه‌ها
customer-column-revenue = درآمد
customer-column-source = منبع
customer-column-device = دستگاه
customer-column-segmentation = بخش‌بندی
customer-column-segment = بخش
customer-column-rank = رتبه
customer-column-because = چرا
customer-field-created_at = مشتری از
customer-field-country = کشور
customer-field-region = منطقه
customer-field-city = شهر
customer-field-birth_year = سال تولد
customer-field-gender = جنسیت
customer-field-company_type = B2B یا B2C
customer-field-industry = صنعت
customer-field-acquisition_channel = جذب از راه
customer-field-acquisition_cost = هزینهٔ جذب
customer-field-interests = علاقه‌ها
customer-field-plan = طرح
customer-field-lifecycle_stage = مرحلهٔ چرخهٔ عمر
customer-field-source = سامانهٔ منبع

## The agency's people, tokens and audit log (rapport_app::access and the admins' pages).
role-admin = مدیر آژانس
role-analyst = تحلیلگر
role-viewer = بیننده از طرف کارفرما
access-web-session = نشست وب
audit-actor-cli = خط فرمان
audit-signed-in = وارد شد
audit-signed-out = خارج شد
audit-sign-in-failed = نتوانست وارد شود
audit-sign-in-throttled = پس از ورودهای ناموفق بسیار رد شد
audit-user-added = فردی را افزود
audit-user-removed = فردی را حذف کرد
audit-token-created = توکن API ساخت
audit-token-revoked = توکنی را باطل کرد
audit-report-made = گزارشی ساخت
audit-report-downloaded = گزارشی را دریافت کرد
audit-feedback-given = دربارهٔ گزارشی بازخورد داد
audit-schedule-added = زمان‌بندی گزارشی را افزود
audit-schedule-removed = زمان‌بندی گزارشی را حذف کرد
audit-upload-loaded = فایل بارگذاری‌شده‌ای را وارد کرد
cli-column-last-used = آخرین استفاده
cli-column-who = چه کسی
cli-column-action = کار
cli-column-subject = روی
web-column-email = رایانامه
web-column-role = نقش
web-column-clients = کارفرمایان
web-column-created = افزوده‌شده
web-column-id = شماره
web-column-label = برای
web-column-expires = پایان اعتبار
web-column-last-used = آخرین استفاده
web-column-state = وضعیت
web-column-who = چه کسی
web-column-action = چه کرد
web-column-subject = روی
web-column-source = از کجا
web-agency = افراد
web-people-title = افراد و دسترسی
web-audit = گزارش رویدادها
web-audit-newest = { $count } رویداد تازه، تازه‌ترین در بالا.
web-audit-more = بیشتر
web-not-admin = تنها مدیران آژانس افراد و توکن‌ها را مدیریت می‌کنند و گزارش رویدادها را می‌خوانند.
web-user-add = افزودن فرد
web-user-email = رایانامهٔ او
web-user-role = نقش
web-user-clients = کارفرمایان (تحلیلگر: یک یا چند؛ بیننده: دقیقاً یکی؛ مدیر همه را می‌بیند)
web-user-password = گذرواژهٔ نخست (دست‌کم ۱۲ نویسه؛ آن را از راه دیگری به او بدهید)
web-user-added = { $email } افزوده شد.
web-user-removed = { $email } حذف شد؛ توکن‌ها و نشست‌هایش دیگر کار نمی‌کنند.
web-user-remove = حذف
web-user-you = شما
web-tokens = توکن‌های API و نشست‌های وب
web-token-create = ساخت توکن API
web-token-for = برای چه کسی
web-token-label = کاربرد
web-token-expires = پایان اعتبار (شمار روزها مانند 90d یا تاریخی مانند 2027-03-01؛ خالی: هرگز)
web-token-secret = توکن { $email }. تنها همین یک بار نشان داده می‌شود: همین حالا آن را در یک مدیر گذرواژه یا انبار رمزها نگه دارید.
web-token-revoke = باطل کردن
web-token-revoked = توکن { $id } باطل شد.
web-tokens-all = توکن‌های باطل‌شده و منقضی را هم نشان بده
web-tokens-working = تنها توکن‌های معتبر را نشان بده
web-tokens-none = توکنی نیست.

## Errors a library raises, said in the reader's language (messages::Said).
error-as-is = { $text }
error-schedule-no-target = پوشه یا نشانی smtp:// را برای تحویل گزارش بدهید
error-schedule-scheme = `{ $deliver }`: گزارش در یک پوشه یا با رایانامه (smtp:// یا smtps://) تحویل می‌شود، نه از راه { $scheme }://
error-schedule-not-a-url = `{ $deliver }` نشانی یک کارساز رایانامه نیست ({ $reason })
error-schedule-no-host = `{ $deliver }` هیچ کارساز رایانامه‌ای را نام نمی‌برد (smtp://HOST:PORT)
error-schedule-password = `{ $deliver }` گذرواژه دارد: کاتالوگ جای رازها نیست و گذرواژه نگه نمی‌دارد. نشانی را بی گذرواژه بدهید و { $variable } را جایی که زمان‌بندی‌ها اجرا می‌شوند تنظیم کنید
error-schedule-address = `{ $address }` نشانی رایانامه نیست ({ $reason })؛ آن را به شکل name@example.com یا "Name <name@example.com>" بنویسید
error-schedule-no-sender = گزارشی که با رایانامه فرستاده می‌شود نشانی فرستنده می‌خواهد
error-schedule-no-recipient = گزارشی که با رایانامه فرستاده می‌شود دست‌کم یک گیرنده می‌خواهد
error-schedule-lang = `{ $lang }` زبان گزارش نیست (en، ro، zh-Hans، fa)
error-schedule-time = `{ $at }` زمانی مانند 08:00 نیست (۲۴ ساعته، HH:MM)
error-schedule-timezone = `{ $timezone }` نام منطقهٔ زمانی IANA نیست (برای نمونه Asia/Tehran یا UTC)
error-schedule-day = { $day-text } روزی از ماه نیست: عددی از ۱ تا ۳۱ بدهید (روزی که ماه ندارد یعنی روز آخر آن)
error-schedule-not-rendered = گزارش زمان‌بندی‌شده هنوز ساخته نشده است که تحویل شود
error-schedule-no-files = گزارش { $run } فایلی برای تحویل ندارد
error-weak-password = گذرواژه دست‌کم { $min-text } نویسه دارد؛ این یکی { $chars-text } نویسه دارد
error-bad-expiry = `{ $text }` پایان اعتبار نیست: شمار روزها (90d) یا تاریخی پس از امروز (2027-03-01) بدهید
error-no-client = کارفرمای `{ $client }` اینجا نیست
error-user-email = `{ $email }` نشانی رایانامه‌ای مانند ana@agency.example نیست
error-user-viewer-clients = بیننده تنها با یک کارفرما کار می‌کند، نه { $count-text }
error-user-analyst-clients = تحلیلگر دست‌کم با یک کارفرما کار می‌کند؛ کارفرمایانی را که با آن‌ها کار می‌کند نام ببرید
error-user-admin-clients = مدیر همهٔ کارفرمایان را می‌بیند، پس کارفرمایی برای او نام برده نمی‌شود
error-user-exists = کاربر `{ $email }` از پیش هست
error-user-unknown = کاربر `{ $email }` نیست
error-token-unknown = توکن { $id } نیست
error-rating = امتیاز از ۱ تا ۵ است، نه { $rating }
error-self-removal = مدیر نمی‌تواند خودش را حذف کند؛ مدیر دیگری می‌تواند
error-unknown-customer = { $client } مشتری `{ $customer }` را در مشتریان، سفارش‌ها یا اشتراک‌هایش ندارد (شناسه، یا رایانامه‌ای که شناسه است)
error-upload-loaded = بارگذاری `{ $upload }` پیش‌تر وارد شده است؛ برای وارد کردن دوباره، فایل را دوباره بارگذاری کنید
probability-under = کمتر از { $share }
probability-over = بیشتر از { $share }
error-missing-columns = `{ $input }` ستون‌هایی را که { $entity } نیاز دارد ندارد: { $missing }. ستون‌های آن: { $available }.
error-unreadable = `{ $input }` خوانده نمی‌شود: { $reason }
error-no-preset = هیچ پیش‌تنظیمی `{ $file }` را نمی‌خواند و نوع داده‌ای هم انتخاب نشده است، پس چیزی وارد نشد. بگویید فایل چه چیزی دارد، یا از تحلیلگر یک نگاشت بخواهید.
web-upload-closest = نزدیک‌ترین پیش‌تنظیم‌ها:
web-upload-near = { $preset } ({ $entity }) این ستون‌ها را ندارد: { $missing }
error-period = `{ $label }` دوره نیست: یک ماه (2026-10)، یک فصل (2026-Q3)، یک سال (2026)، یک هفته (2026-W41) یا بازه‌ای از تاریخ‌ها (2026-08-01..2026-10-31) بدهید
error-period-solar = `{ $label }` دوره نیست: یک ماه خورشیدی (1405-08 یعنی آبان ۱۴۰۵)، یک فصل (1405-Q3)، یک سال (1405)، یک هفته (1405-W31) یا بازه‌ای از تاریخ‌ها (1405-08-01..1405-08-30) بدهید
error-busy = کارساز سرگرم درخواست‌های دیگر است؛ چند ثانیهٔ دیگر دوباره بکوشید.
error-internal = کارساز دچار خطا شد؛ گزارش آن علت را می‌گوید. به آژانس خبر دهید و بعداً دوباره بکوشید.
web-tokens-newest = تنها { $count-text } مورد تازه‌تر نشان داده شده‌اند؛ `rapport token list` همه را فهرست می‌کند.
