# Rapport 报告文案，简体中文。
# 数字已按语言格式写好后传入（$now、$before、$pct）；
# 计数作为数字传入用于复数（$rows），并作为文本传入（$rows-text）。中文只有 other 一类。

## 标题

title-monthly = 月度客户报告
title-quarterly = 季度客户报告
section-summary = 摘要
section-kpis = 核心指标
section-findings = 亮点与待改进之处
section-trends = 趋势
section-breakdowns = 细分
section-funnel = 转化漏斗
section-cohorts = 同期群
section-forecast = 预测
section-predictions = 展望
section-actions = 建议措施
section-data_quality = 数据质量
section-triangulation = 多源数据核对
section-feedback = 您的反馈
section-glossary = 术语表
findings-went-well = 亮点
findings-needs-attention = 待改进之处
label-contents = 目录
label-prepared-by = 编制：{ $agency }
label-prepared-for = 客户：{ $client }
label-made-with-rapport = 由 Rapport 生成
label-as-of = 数据截至 { $date }
label-period = 周期
label-previous = 上一周期
label-compared = 对比期
label-year-ago = 去年同期
label-target = 目标
label-benchmark = 行业基准
label-interval = 95% 置信区间
label-based-on = 基于 { $n-text } 条记录
label-customer = 客户
label-clv = 客户终身价值
label-p-alive = 仍活跃概率
label-repeat-orders = 复购订单
label-call-list = 最值得回访的客户
label-source = 数据源
label-last-loaded = 最近导入
label-rows = 已导入行数
label-quarantined = 已隔离
label-reason = 原因
label-example = 示例
label-missing = 未测量
label-because = 原因
label-rule = 规则
text-pair = { $first }，{ $second }
# Two clauses of one sentence, joined by the language's semicolon.
text-clauses = { $first }；{ $second }
# A value under its label, as a chart's text alternative lists them.
text-labelled = { $label }：{ $value }
action-basis = 原因：{ $metrics }；规则：{ $rule }
label-page = 页码
label-report-id = 报告 { $id }
label-report-run = 报告 { $run }（{ $id }）
label-notice = 请注意
label-status-good = 好消息
label-status-bad = 需要关注
label-status-neutral = 无明显变化
chart-this-year = 今年
chart-year-before = 去年
chart-report-period = 报告周期
month-short-1 = 1月
month-short-2 = 2月
month-short-3 = 3月
month-short-4 = 4月
month-short-5 = 5月
month-short-6 = 6月
month-short-7 = 7月
month-short-8 = 8月
month-short-9 = 9月
month-short-10 = 10月
month-short-11 = 11月
month-short-12 = 12月
chart-forecast = 预测
chart-observed = 实际
chart-interval-80 = 80% 区间
chart-interval-95 = 95% 区间
chart-months-since-first = { $activity ->
    [subscriptions] 首次订阅后的月数
   *[orders] 首次购买后的月数
}
chart-average = 平均
label-unavailable = 未显示
label-annotations = 大事记（图中已编号）
label-tolerance = 容差
label-gap = 差距
label-flagged = 超出容差
label-within = 在容差内
label-likely-causes = 可能原因

## 数值与判断

value-none = 无
tone-no-comparison = 无对比
tone-unchanged = 持平
tone-not-significant = 无显著变化
tone-better-significant = 改善（显著）
tone-worse-significant = 变差（显著）
tone-better-untested = 改善（不适用检验）
tone-worse-untested = 变差（不适用检验）
tone-up = 上升
tone-down = 下降
tone-up-untested = 上升（不适用检验）
tone-down-untested = 下降（不适用检验）
target-met = 目标 { $target }：已达成
target-missed = 目标 { $target }：未达成
target-set = 目标 { $target }
benchmark-better = 优于 { $benchmark } 的行业基准（{ $source }）
benchmark-worse = 低于 { $benchmark } 的行业基准（{ $source }）
benchmark-level = 与 { $benchmark } 的行业基准持平（{ $source }）
unit-percent = %
unit-points = 分
unit-count = 数量
unit-ratio = 比率
unit-score = 得分
unit-seconds = 时长

## 发现

finding-rose-significant = { $metric }从{ $period }的 { $before } 升至 { $now }（显著，{ $p }）。
finding-fell-significant = { $metric }从{ $period }的 { $before } 降至 { $now }（显著，{ $p }）。
finding-rose-untested = { $metric }从{ $period }的 { $before } 升至 { $now }，增长 { $pct }%（不适用显著性检验）。
finding-fell-untested = { $metric }从{ $period }的 { $before } 降至 { $now }，下降 { $pct }%（不适用显著性检验）。
finding-with-why = { $finding }{ $why }
finding-target-met = { $metric }为 { $now }，达成 { $target } 的目标。
finding-target-missed = { $metric }为 { $now }，未达到 { $target } 的目标。
finding-benchmark-better = { $metric }为 { $now }，优于 { $benchmark } 的行业基准（{ $source }）。
finding-benchmark-worse = { $metric }为 { $now }，低于 { $benchmark } 的行业基准（{ $source }）。
findings-none-well = 本期没有明显的改善：没有指标显著上升，也没有达成任何目标。
findings-none-attention = 本期没有需要紧急处理的问题：没有指标显著变差，也没有未达成的目标。
finding-why-repeat_purchase_rate-worse = 回头再买的客户变少了。
finding-why-repeat_purchase_rate-better = 回头再买的客户变多了。
finding-why-churn_rate-worse = 停止购买的客户变多了。
finding-why-churn_rate-better = 停止购买的客户变少了。
finding-why-nps-worse = 愿意推荐本品牌的客户变少了。
finding-why-nps-better = 愿意推荐本品牌的客户变多了。
finding-why-csat-worse = 对服务体验满意的客户变少了。
finding-why-csat-better = 对服务体验满意的客户变多了。
finding-why-conversion_rate-worse = 以购买告终的访问变少了。
finding-why-conversion_rate-better = 以购买告终的访问变多了。
finding-why-active_customers-worse = 客户规模缩小了。
finding-why-active_customers-better = 客户规模扩大了。
finding-why-aov-worse = 客户每单花费减少了。
finding-why-aov-better = 客户每单花费增加了。
finding-why-cart_abandonment_rate-worse = 加购后放弃的顾客变多了。
finding-why-cart_abandonment_rate-better = 加购后放弃的顾客变少了。

## 趋势

trend-title = { $metric }月度走势（{ $unit }）
trend-alt = { $metric }从 { $from } 到 { $to } 的月度折线图，并与去年同月对比：{ $values }。

## 图表

chart-unavailable = { $chart }：{ $reason }
chart-no-groups = 本期没有任何分组有数值
bars-alt = 柱状图，{ $title }：{ $values }。
breakdown-title = 按{ $by }细分的{ $metric }
breakdown-caption = { $period }，{ $top }以 { $value } 领先。
funnel-title = 转化漏斗
funnel-chart-title = 各步骤访客数，{ $period }
funnel-no-events = 本期没有 `{ $step }` 事件
funnel-first-step = { $event }：{ $count }
funnel-step = { $event }：{ $count }（上一步的 { $share }）
funnel-sentence = 第一步的 { $first } 名访客中，有 { $last } 名走到最后一步（{ $share }）；流失最多的步骤是 { $worst }，只有上一步的 { $kept } 到达。
cohorts-title = 同期群热力图
cohorts-chart-title = 按首次{ $activity }月份划分的仍活跃客户（%）
cohorts-alt = { $cohorts-text } 个月度同期群的热力图：每个同期群在首月之后各月仍活跃的比例。{ $sentence }
cohorts-sentence = 在 { $cohorts-text } 个同期群中平均来看，新客户在首月之后一个月再次活跃的比例为 { $month1 }，三个月后为 { $month3 }。
forecast-title = 预测
forecast-metric-revenue = 收入
forecast-metric-orders = 订单
forecast-metric-buyers = 购买客户
forecast-chart-title = { $metric }月度走势及预测（{ $unit }）
forecast-alt = { $metric }的月度折线图及其预测，含 80% 和 95% 区间。{ $sentence }
forecast-sentence = 预计{ $period }的{ $metric }为 { $value }，最可能（80%）介于 { $low } 和 { $high } 之间。
forecast-model = 模型（{ $model }）是根据对 { $months-text } 个月历史数据的拟合效果，从各种指数平滑形式中选出的；预测越远，区间越宽。
clv-distribution-title = 按客户终身价值分布
clv-distribution-caption = 购买模型已知的 { $customers-text } 名客户的终身价值：即每位客户今后预计的消费额。
risk-distribution-title = 按仍活跃概率分布
risk-distribution-caption = 低于 30% 的客户很可能已停止购买；介于 30% 与 70% 之间的客户存在流失风险。

## 预测

model-purchase = 购买模型
model-retention = 留存曲线
predict-orders = 购买模型预计，{ $period }迄今所见的 { $customers-text } 名客户将带来 { $orders } 笔订单，金额 { $revenue }。
predict-backtest = 用{ $period }之前的数据拟合后，同一模型对该期订单{ $direction }了 { $error }%：请按这一误差幅度解读展望。
predict-over = 高估
predict-under = 低估
predict-no-backtest = 该模型无法用过去的周期检验，因此展望仅供粗略参考。
predict-at-risk = 有 { $customers-text } 名客户仍活跃的概率低于 30%。
predict-call-list = 以下 { $customers-text } 名客户消费最多，但可能已停止购买：现在打个电话也许就能留住他们。
predict-call-list-empty = 没有高价值客户处于高流失风险。
predict-retention = 留存曲线基于 { $cohorts-text } 个月度订阅同期群拟合，预计 { $month1 } 的新订阅者会在首月后继续订阅，{ $month12 } 会超过一年。
predict-mean-churn = 平均每月有 { $churn } 的订阅者取消订阅。
predict-unavailable = { $model }未给出结果：{ $reason }
predict-reason-degenerate = 数据不足以确定模型参数（复购的客户太少，或客户的购买行为过于相似）
predict-reason-not-converged = 模型拟合未能收敛

## 提示

notice-incomplete = 截至 { $as_of }，{ $period }尚未结束：数据不完整，之后还会变化。
notice-stale = { $source }最近一次导入是在 { $loaded }，早于{ $period }结束：数据可能不完整。

## 数据质量

entity-customers = 客户
entity-orders = 订单
entity-order_items = 订单明细
entity-subscriptions = 订阅
entity-survey_responses = 问卷回复
entity-support_tickets = 客服工单
entity-web_events = 网站事件
entity-marketing_spend = 广告花费
entity-email_campaigns = 邮件营销活动
entity-email_activity = 邮件互动
entity-social_posts = 社交媒体帖子
entity-annotations = 备注事件
entity-targets = 目标
entity-exchange_rates = 汇率

dq-source = { $source }：最近导入 { $loaded }，保留 { $rows-text } 行，隔离 { $quarantined-text } 行。
dq-source-stale = { $source }：最近导入 { $loaded }，早于本期结束；保留 { $rows-text } 行，隔离 { $quarantined-text } 行。
dq-no-data = 无数据

# 隔离规则的含义（导入规则代码），用于数据质量表。
rule-type = 不符合该列的类型
rule-required = 必填值为空
rule-time_order = 日期早于它应在其后的日期
rule-survey_scale = 问卷量表不成立
rule-out_of_scale = 分数超出问卷量表
rule-malformed_row = 文件格式无法读取的行
rule-key_conflict = 此前已导入但数值不同的记录
rule-non_negative = 金额或数量为负
rule-positive = 数值必须大于零
rule-allowed_values = 不在允许的取值之内
rule-currency_code = 不是三位字母的货币代码
rule-plausible_year = 年份不合理
rule-period_label = 不是期间标签
rule-parent_quarantined = 其所属订单（所属的行）已被隔离
dq-none-quarantined = 导入的每一行都通过了校验，没有被隔离的行。
dq-quarantined = 有 { $rows-text } 行未通过校验，已被隔离、不计入统计：最常见的原因见下。
dq-metrics-with-data = { $all-text } 项指标中有 { $with-text } 项在本期有数据。

## 建议措施

action-retention_fell = { $metric }变差：找出停止购买的客户，用个性化优惠把他们赢回来。
action-retention_fell-call = { $metric }变差：先致电回访名单上的 { $customers-text } 名客户，他们是风险客户中价值最高的。
action-satisfaction_fell = { $metric }变差：阅读本期不满意客户的留言，先解决最常见的投诉。
action-conversion_fell = { $metric }变差：检查网站上访客流失最多的步骤，并测试一个更简洁的版本。
action-revenue_fell = { $metric }变差：检查是哪个渠道或产品下滑，以及价格或促销是否有变化。
action-marketing_fell = { $metric }变差：把预算从回报最差的推广活动转移到回报最好的活动。
action-service_fell = { $metric }变差：查看客服队列中耗时最长的工单，并找出原因。
action-metric_fell = { $metric }变差：排查本期发生了什么变化。
action-target_missed = { $metric }未达成目标：商定达成目标的计划和期限。
action-call_list = 在回访名单上的 { $customers-text } 名客户流失之前致电他们。
action-stale_source = 重新导入{ $source }：最近一次导入是在 { $loaded }，早于本期结束。
action-quarantine = 修正 { $rows-text } 行被隔离的数据（大多在{ $source }的 { $column } 列）后重新导入。

## 多源数据核对

tri-quantity-revenue_orders_web = 收入：订单对比网站购买
tri-quantity-revenue_orders_ads = 收入：订单对比广告平台
tri-quantity-orders_purchase_events = 订单对比网站购买事件
tri-quantity-email_clicks_sessions = 邮件点击对比来自邮件的网站访问
tri-quantity-surveys_tickets = 客服问卷回复对比已解决工单
tri-quantity-new_customers = 新客户：客户名单对比首单
tri-order-revenue = 已完成订单的收入
tri-web-revenue = 网站购买的收入
tri-ad-value = 广告平台报告的转化价值
tri-orders = 已完成订单
tri-purchase-events = 网站购买事件
tri-email-clicks = 邮件点击
tri-email-sessions = 来自邮件的网站访问
tri-support-answers = 客服后的问卷回复
tri-tickets-resolved = 已解决工单
tri-customers-created = 新加入客户名单的客户
tri-first-orders = 下了首单的客户
tri-equal-ok = { $a }（{ $a_value }）与{ $b }（{ $b_value }）相差 { $gap }，在 { $tolerance } 的容差之内。
tri-equal-flagged = { $a }（{ $a_value }）与{ $b }（{ $b_value }）相差 { $gap }，超出 { $tolerance } 的容差。
tri-at-most-ok = { $a }（{ $a_value }）占{ $b }（{ $b_value }）的 { $share }，符合预期：并非每位客户都会回复。
tri-at-most-flagged = { $a }（{ $a_value }）比{ $b }（{ $b_value }）多出 { $gap }，如果问卷在工单之后发送，这不应发生。
tri-cause-revenue_orders_web-1 = 退款和取消的订单不计入订单，但可能仍留在网站购买数据中。
tri-cause-revenue_orders_web-2 = 电话、电商平台或门店的订单不会进入网站的跟踪数据。
tri-cause-revenue_orders_web-3 = 广告拦截插件和拒绝 Cookie 会隐藏网站购买。
tri-cause-revenue_orders_web-4 = 时区不同会把午夜前后的订单算到另一天。
tri-cause-revenue_orders_ads-1 = 广告平台在其归因窗口内计算购买（通常为点击后 7 天、展示后 1 天），而且每个平台都会认领同一笔购买。
tri-cause-revenue_orders_ads-2 = 广告平台报告的是退款前的价值，并可能包含税费和运费。
tri-cause-revenue_orders_ads-3 = 不是由广告带来的订单只出现在订单中。
tri-cause-orders_purchase_events-1 = 在网站之外下的订单，或跟踪被拦截的订单，没有购买事件。
tri-cause-orders_purchase_events-2 = 刷新确认页面会让购买事件发送两次。
tri-cause-orders_purchase_events-3 = 机器人流量和测试流量可能产生购买事件。
tri-cause-email_clicks_sessions-1 = 一次点击可能产生多次访问，而来自转发邮件的访问没有点击记录。
tri-cause-email_clicks_sessions-2 = 没有 UTM 参数的链接会被算作直接访问，而不是邮件。
tri-cause-email_clicks_sessions-3 = 收件方公司的安全扫描程序会自动点击链接。
tri-cause-surveys_tickets-1 = 同一工单发送了多份问卷，或为不在工单导出中的问题发送了问卷。
tri-cause-surveys_tickets-2 = 与工单无关的回复，其问卷触点被设置成了客服。
tri-cause-new_customers-1 = 注册但未购买的客户只出现在客户名单中。
tri-cause-new_customers-2 = 游客下单不会进入客户名单。
tri-cause-new_customers-3 = 从旧系统导入的客户保留其原始注册日期。
action-triangulation = { $quantity }不一致：请核对{ $a }与{ $b }。{ $cause }

## 反馈

feedback-recorded = 已记录对报告 { $run }（{ $period }）的反馈 { $id }：{ $rating } 分（满分 5 分）。客户的下一份报告会对此作出回应。
feedback-answered = 已在报告 { $run } 中回应
feedback-unanswered = 尚未回应
feedback-link = 欢迎告诉我们您对本报告的看法，以及下一份报告应该展示什么：
feedback-answer = 您给{ $period }的报告打了 { $rating } 分（满分 5 分）。谢谢！请告诉我们怎样让下一份报告更有用。
feedback-answer-comment = 关于{ $period }的报告，您写道：“{ $comment }”（评分 { $rating }/5）。我们认真阅读了，并据此制作了本报告；如果仍未满足您的需要，请回复我们。

## 摘要

summary-overview = 与{ $period }相比，{ $kpis-text } 项核心指标中有 { $better-text } 项向好、{ $worse-text } 项变差。
summary-overview-none = 与{ $period }相比，{ $kpis-text } 项核心指标均无明显变化：没有显著变化，未经检验的变化也都不到 10%。
summary-best = { $scope ->
    [other] 核心指标之外，最好的消息
   *[headline] 最好的消息
  }：{ $finding }
summary-worst = { $scope ->
    [other] 核心指标之外，最主要的问题
   *[headline] 最主要的问题
  }：{ $finding }
summary-certainty = 只有统计检验在 95% 水平上确认的变化才称为“显著”；其他变化可能只是偶然。
summary-certainty-backtest = 只有统计检验在 95% 水平上确认的变化才称为“显著”；用本期检验时，展望所用模型的误差为 { $error }%。
summary-quality = 有 { $rows-text } 行数据被隔离，{ $missing-text } 项核心指标没有数据；详见“数据质量”。

## 术语表

term-significant = 显著
term-significant-meaning = 统计检验表明该变化不太可能是偶然造成的（95% 水平）；“p”是仅凭偶然出现如此大变化的概率。
term-interval = 95% 置信区间
term-interval-meaning = 根据回复或购买的客户数量，真实值以 95% 的置信度落在这个范围内。
term-percentage-point = 百分点
term-percentage-point-meaning = 两个百分比之间的差：从 20% 到 22% 是 2 个百分点（相对增长 10%）。
term-untested = 不适用检验
term-untested-meaning = 收入这类总量统计的是全部数据而非样本，因此无法检验其变化是否超出正常波动；Rapport 只在变化达到 10% 以上时才提及。
term-nps = 净推荐值（NPS）
term-nps-meaning = 愿意推荐的客户（9–10 分）占比减去不愿推荐的客户（0–6 分）占比，范围为 −100 到 100。
term-csat = 客户满意度（CSAT）
term-csat-meaning = 给体验打 4 分或 5 分（满分 5 分）的客户占比。
term-ces = 客户费力度（CES）
term-ces-meaning = 客户获得所需帮助的难易程度的平均值；分数越高越容易。
term-churn = 流失率
term-churn-meaning = 期初的客户中，在本期内不再是客户的比例。
term-active-customer = 活跃客户
term-active-customer-meaning = 订阅仍有效，或最近一次下单时间足够近、仍算作现有客户的客户。
term-conversion = 转化率
term-conversion-meaning = 以购买告终的网站访问所占比例。
term-fcr = 首次联系解决率
term-fcr-meaning = 首次联系即解决的客服工单所占比例。
term-custom = 自定义指标
term-custom-meaning = 为该业务定义、基于其数据查询得出的指标；会与以往周期对比，但不适用显著性检验。
term-target = 目标
term-target-meaning = 为某项指标约定的、本期需要达到的数值。
term-benchmark = 行业基准
term-benchmark-meaning = 来自可比企业或研究的数值（注明来源），用来给数字提供参照。
term-clv = 客户终身价值（CLV）
term-clv-meaning = 客户今后预计的消费额，折算为今天的货币价值。
term-p-alive = 仍活跃概率
term-p-alive-meaning = 模型根据客户购买的频率和最近一次购买时间，估算其没有悄然停止购买的概率。
term-backtest = 回测
term-backtest-meaning = 用较早的数据拟合模型，让它预测一个已经发生的周期，以显示它可能偏差多少。
term-retention-curve = 留存曲线
term-retention-curve-meaning = 新订阅者在每个月之后仍在订阅的比例，根据以往同期群推算。
term-cohort = 同期群
term-cohort-meaning = 在同一个月首次购买（或订阅）的客户，在之后的月份中持续跟踪。
term-funnel = 转化漏斗
term-funnel-meaning = 从访问到购买的各个步骤，以及到达每一步的访客数量。
term-forecast-interval = 80% 与 95% 区间
term-forecast-interval-meaning = 如果过去的规律延续，未来值有 80%（或 95%）的概率落在这个范围内。
term-triangulation = 多源数据核对
term-triangulation-meaning = 由您的两个系统分别统计的同一数量；差距超出容差，说明其中一个系统漏计或重复计算了某些内容。
term-quarantine = 被隔离的行
term-quarantine-meaning = 客户导出数据中未通过校验的行（如缺少日期、评分不可能）；在更正之前会被单独存放、不计入统计。

## 发送：定时报告的邮件，以及调度运行的输出

mail-subject = { $client }：{ $title }，{ $period }
mail-intro-attached = 附件是您{ $period }的报告：一份可阅读或打印的 PDF，以及可在任何浏览器中打开的网页版。
mail-intro-inline = 您{ $period }的报告如下，并附有可阅读或打印的 PDF。
mail-notices = 请注意：
mail-summary = 摘要：
mail-sign-off = 回复此邮件，告诉我们怎样让下一份报告更有用。
schedule-delivered = { $client }，{ $period }：报告 { $run } 已发送至 { $to }。
schedule-delivered-stale = { $client }，{ $period }：报告 { $run } 已发送至 { $to }，并注明{ $sources }自本期结束后未再导入。
schedule-waiting = { $client }，{ $period }：正在等待{ $sources }，最长到 { $until }；它们自本期结束后未再导入。
schedule-awaiting-approval = { $client }，{ $period }：报告 { $run } 等待审批：`rapport report approve { $client-id } { $run }` 发送，`rapport report reject { $client-id } { $run }` 不发送。
schedule-failed = { $client }，{ $period }：未发送：{ $reason }。下一次 `rapport schedule run` 会重试。
schedule-busy = { $client }，{ $period }：另一个进程正在处理。
schedule-rejected = { $client }，{ $period }：报告 { $run } 已被拒绝，不会发送。
schedule-nothing-due = 没有待办：每个计划的最新报告都已发送、被拒绝或正在等待审批。

## 通用措辞：周期、日期、时长与变化，所有界面共用

month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
period-month = { $year }年{ $month }
period-quarter = { $year }年第{ $quarter }季度
period-week = { $year }年第{ $week }周
period-range = { $from }至{ $to }
date-day = { $year }年{ $month }{ $day }日
# Months of the Solar Hijri (Persian) calendar, for clients who keep it.
solar-hijri-month-1 = 法尔瓦丁月
solar-hijri-month-2 = 奥尔迪贝赫什特月
solar-hijri-month-3 = 霍尔达德月
solar-hijri-month-4 = 提尔月
solar-hijri-month-5 = 莫尔达德月
solar-hijri-month-6 = 沙赫里瓦尔月
solar-hijri-month-7 = 梅赫尔月
solar-hijri-month-8 = 阿班月
solar-hijri-month-9 = 阿扎尔月
solar-hijri-month-10 = 达伊月
solar-hijri-month-11 = 巴赫曼月
solar-hijri-month-12 = 埃斯凡德月
solar-hijri-month-short-1 = 法尔
solar-hijri-month-short-2 = 奥尔
solar-hijri-month-short-3 = 霍尔
solar-hijri-month-short-4 = 提尔
solar-hijri-month-short-5 = 莫尔
solar-hijri-month-short-6 = 沙赫
solar-hijri-month-short-7 = 梅赫
solar-hijri-month-short-8 = 阿班
solar-hijri-month-short-9 = 阿扎
solar-hijri-month-short-10 = 达伊
solar-hijri-month-short-11 = 巴赫
solar-hijri-month-short-12 = 埃斯
date-with-gregorian = { $date }（公历{ $gregorian }）
date-time = { $date } { $time }（{ $zone }）
duration-seconds = { $n }秒
duration-minutes = { $n }分钟
duration-hours = { $n }小时
duration-days = { $n }天
change-points-short = { $n }个百分点
change-percentage-points = { $n }个百分点
change-points = { $n-text }分
change-none = 没有{ $period }的数值可供比较
change-unchanged = 与{ $period }持平
change-moved = 较{ $period }{ $direction ->
    [up] 上升
   *[down] 下降
  }{ $size }{ $verdict ->
    [significant] ，显著
    [not-significant] ，不显著
   *[untested] {""}
  }
metric-missing = { $metric }：无（{ $reason }）
metric-no-data = 无数据

## 指标为何没有数值（METRICS.md：缺失，绝不记为 0）；rapport_metrics::Why
missing-undefined = 数值无定义（除数为零）
missing-not-computed = 未计算
missing-no-nps-responses = 本期没有 NPS 答卷
missing-no-csat-responses = 本期没有 CSAT 答卷
missing-no-ces-responses = 本期没有 CES 答卷
missing-ces-scales = CES 答卷使用了不同的量表（{ $low-a }–{ $high-a } 与 { $low-b }–{ $high-b }），无法合并求平均
missing-no-subscriptions-loaded = 尚未导入任何订阅
missing-no-orders-loaded = 尚未导入任何已完成订单
missing-before-first-activity = 该期间在首位客户首次活动之前就已结束
missing-no-active-subscriptions = 期初没有有效订阅
missing-no-recent-customers = 期初之前的不活跃判定窗口内没有客户下单
missing-no-dormant-customers = 本期没有客户转为沉睡，因此增长质量比无定义
missing-no-orders = 本期没有已完成订单
missing-order-currencies = 订单涉及多种货币（{ $first } … { $last }）；请导入汇率（`rapport ingest CLIENT exchange_rates rates.csv`）以便换算
missing-not-attributed = 这些数据未归属到客户，因此细分人群没有该数值
missing-no-spend-rows = 本期没有营销花费记录
missing-no-impressions = 本期没有展示
missing-no-clicks = 本期没有点击
missing-spend-currencies = 广告花费涉及多种货币（{ $currencies }）；请导入汇率（`rapport ingest CLIENT exchange_rates rates.csv`）以便换算
missing-no-conversions-column = 花费数据中没有转化列
missing-no-conversion-value = 花费数据中没有转化价值
missing-no-conversions = 本期没有转化
missing-no-spend = 本期没有花费
missing-no-campaigns = 本期没有已送达的邮件营销活动
missing-no-posts-with-followers = 本期没有带粉丝数的社交媒体帖子
missing-no-posts-with-reach = 本期没有带触达人数的社交媒体帖子
missing-no-sessions = 本期没有网站会话
missing-no-carts = 本期没有人加购（或所有购物车都不足一天）
missing-no-tickets-opened = 本期没有新建工单
missing-no-tickets-resolved = 本期没有已解决工单
missing-no-contact-counts = 本期已解决的工单都没有联系次数
missing-no-escalation-flags = 本期新建的工单都没有升级标记
missing-no-first-responses = 本期新建的工单都没有首次响应记录
missing-no-churn = 本期没有流失，因此预期生命周期无定义
missing-no-new-customers = 本期没有新客户
missing-clv-cac-currencies = 客户终身价值以 { $clv } 计，广告花费以 { $spend } 计；请导入汇率（`rapport ingest CLIENT exchange_rates rates.csv`）以便比较
missing-cac-zero = 获客成本为 0
missing-input = { $metric }没有数值：{ $cause }
missing-no-column = { $entity }中没有 `{ $by }` 列
missing-customers-not-split = 客户未按 `{ $by }` 拆分；客户属性请用 `--by customer.{ $by }`
missing-no-query-value = 查询在该期间没有返回数值

## 客户数据缺少模型所需的内容（rapport_predict::Lack）
lack-no-orders = `{ $client }` 没有已完成订单；请用 `rapport ingest { $client } orders FILE` 导入订单
lack-no-orders-before = `{ $client }` 在 { $day } 之前没有已完成订单；请用 `rapport ingest { $client } orders FILE` 导入订单
lack-no-order-items = `{ $client }` 的已完成订单没有商品明细；请用 `rapport ingest { $client } order_items FILE` 导入
lack-customer-without-items = 客户 `{ $customer }` 在 `{ $client }` 中没有含商品明细的已完成订单
lack-no-subscriptions = `{ $client }` 没有订阅数据；请用 `rapport ingest { $client } subscriptions FILE` 导入
lack-nothing-to-forecast = 没有可用于预测的已完成订单
lack-too-few-periods = `{ $client }` 只有 { $have-text } 个完整周期的数据；预测至少需要 { $need-text } 个
lack-broken-series = { $metric }在 { $period } 没有数值（{ $why }）；预测需要连续不间断的序列
lack-too-few-active = 基准日有 { $at-cutoff-text } 位活跃客户，一个窗口期后有 { $later-text } 位；两者都至少需要 { $need-text } 位
lack-order-currencies = 已完成订单涉及多种货币（{ $currencies }）；人均消费需要单一货币，请先换算订单再做预测
list-more = { $list }……以及另外 { $n-text } 项

## 指标名称（METRICS.md）；自定义指标沿用其定义中的名称

metric-nps = 净推荐值（NPS）
metric-csat = 客户满意度（top-2-box）
metric-ces = 客户费力度（均值）
metric-customers_start = 期初客户数
metric-customers_end = 期末客户数
metric-new_customers = 新客户数
metric-churn_rate = 流失率
metric-retention_rate = 留存率
metric-net_customer_growth = 客户净增长
metric-active_customers = 活跃客户数
metric-lifecycle_new = 生命周期：新客
metric-lifecycle_returning = 生命周期：回访
metric-lifecycle_resurrecting = 生命周期：召回
metric-lifecycle_dormant = 生命周期：沉睡
metric-quick_ratio = 增长质量比（Quick ratio）
metric-revenue = 收入
metric-orders = 订单数
metric-aov = 客单价
metric-purchase_frequency = 购买频次
metric-repeat_purchase_rate = 复购率
metric-clv_simple = 客户终身价值（简易）
metric-cac = 获客成本
metric-clv_cac_ratio = CLV:CAC
metric-impressions = 展示次数
metric-clicks = 点击次数
metric-spend = 广告花费
metric-ctr = 点击率
metric-cpc = 单次点击成本
metric-cpm = 千次展示成本
metric-cpa = 单次转化成本
metric-roas = 广告支出回报率（ROAS）
metric-conversion_rate = 转化率
metric-email_open_rate = 邮件打开率
metric-email_ctr = 邮件点击率
metric-social_engagement_rate = 社交互动率（按粉丝）
metric-social_engagement_rate_reach = 社交互动率（按触达）
metric-sessions = 会话数
metric-avg_session_duration = 平均会话时长
metric-engagement_rate = 互动率（GA4）
metric-bounce_rate = 跳出率（GA4）
metric-bounce_rate_single_page = 跳出率（单页）
metric-cart_abandonment_rate = 购物车放弃率
metric-tickets_opened = 新建工单数
metric-tickets_resolved = 已解决工单数
metric-fcr = 首次联系解决率
metric-escalation_rate = 升级率
metric-first_response_time = 首次响应时间（均值）
metric-resolution_time = 解决时间（均值）

## 同期群与细分：同期群的首次行为，以及细分所依据的属性

cohort-activity-orders = 下单
cohort-activity-subscriptions = 订阅
attribute-channel = 渠道
attribute-country = 国家
attribute-city = 城市
attribute-segment = 客群
attribute-device = 设备
attribute-source = 来源
attribute-campaign = 推广活动
attribute-plan = 套餐
attribute-category = 品类
attribute-platform = 平台

## 命令行自身的文字（报告中不显示）

load-summary = { $client }/{ $entity }，来源 { $source }：读取 { $read-text } 行，载入 { $loaded-text } 行{ $replaced ->
        [0] {""}
       *[other] （其中 { $replaced-text } 行替换了先前的行）
    }，隔离 { $quarantined-text } 行，{ $duplicates-text } 行此前已载入{ $kept ->
        [0] {""}
       *[other] （其中 { $kept-text } 行保留其他来源已载入的记录）
    }{ $continued ->
        [0] {""}
       *[other] ，{ $continued-text } 行为上方记录的续行
    }{ $merged ->
        [0] {""}
       *[other] ，{ $merged-text } 行与同一键的其他行合并（以最新者为准）
    }（{ $seconds } 秒，每秒 { $rate } 行）
load-problem = { $rows-text } 行被隔离（列 { $column }：{ $rule }）
load-example-row = 第 { $row-text } 行
load-example-value = 第 { $row-text } 行：{ $value }
load-problem-any-column = { $rows-text } 行被隔离（{ $rule }）
load-totals-skipped = 已跳过导出文件中的 { $n-text } 行汇总（合计）行
load-quarantine-file = 隔离的行：{ $file }
load-columns-not-read = 未读取的列：{ $columns }
load-columns-ignored = 另有 { $n-text } 列按映射的 [ignore] 列表有意略去
cli-demo-intro = Rapport 演示：三个客户，{ $from } 至 { $to }，随机种子 { $seed }。
demo-client = { $name }（{ $id }，{ $kind ->
        [shop] 网店
        [saas] 订阅制 SaaS
       *[services] 本地服务
    }）：导出文件位于 { $dir }
cli-demo-export-preset = { $file }（预设 { $preset }）
cli-demo-totals = 合计：读取 { $read } 行（一行所填的每个实体各计一次），载入 { $loaded } 行，隔离 { $quarantined } 行，跳过重复 { $duplicates } 行，并入另一行所给记录 { $items } 行，用时 { $seconds } 秒。
cli-demo-workspace = 工作区：{ $dir }   （原始导出位于 { $exports }，隔离的行位于 { $quarantine }）
cli-demo-metrics = 指标（上月与前一个月对比；METRICS.md 中的全部指标）：
cli-demo-predictions = 预测：
cli-demo-serve-note = 网页，按数据结束日查看（请先添加用户：rapport user add --help）
cli-demo-explore = 深入分析：同期群、漏斗、对比、A/B 测试、客户反馈、SQL：
cli-demo-solar-month = { $month }，伊朗太阳历月份
cli-demo-preset-note = 上面的 Shopify 导出是如何读取的
cli-demo-reports = 报告（最近一个完整季度，HTML、PDF 和 JSON；{ $seconds } 秒）：
cli-more = 更多
cli-no-report = { $client }：未生成报告：{ $error }
cli-no-clients = 还没有客户；用 `rapport client add ID --name 名称` 添加。
cli-column-id = ID
cli-column-name = 名称
cli-column-calendar = 日历
cli-column-week-from = 每周起始
cli-metrics-period = { $client } · { $period }（{ $from } 至 { $to }）
cli-metrics-incomplete = 周期尚未结束
cli-metrics-compared = 对比 { $period }（{ $from } 至 { $to }）
cli-metrics-segment = 细分：{ $segment }
cli-column-metric = 指标
cli-column-value = 值
cli-column-interval = 95% 置信区间
cli-column-previous = 上期
cli-column-change = 变化
cli-target = 目标 { $value }
cli-target-met = 目标 { $value } 已达成
cli-target-missed = 目标 { $value } 未达成

## Command line: names of groups, calendars, days and tests
metric-group-survey = 问卷调查
metric-group-customer-base = 客户群
metric-group-value = 价值
metric-group-marketing = 营销
metric-group-social = 社交媒体
metric-group-support = 客户服务
metric-group-web = 网站
calendar-gregorian = 公历
calendar-solar-hijri = 伊朗历
weekday-monday = 星期一
weekday-tuesday = 星期二
weekday-wednesday = 星期三
weekday-thursday = 星期四
weekday-friday = 星期五
weekday-saturday = 星期六
weekday-sunday = 星期日
test-two_proportion_z = 双比例 z 检验
test-welch_t = Welch t 检验
test-nps_margin = NPS 误差范围
test-poisson_rate = 泊松率检验

## Command line: targets
cli-target-set = { $client } 的 { $metric } 在 { $period } 的目标：{ $value }
cli-targets-none = { $client } 没有目标；可用 `rapport target set { $client } METRIC PERIOD VALUE` 设置，或作为 `targets` 实体导入
cli-column-period = 期间
cli-column-target = 目标
cli-column-origin = 来源
cli-target-origin-set = 于 { $day } 设置
cli-target-origin-loaded = 导入自 { $source }
cli-target-overridden = （已被手动设置的目标覆盖）

## Command line: cohorts and funnels
cli-cohorts-title = { $client } · 按首次{ $activity ->
    [subscriptions] 订阅
   *[orders] 下单
}{ $unit ->
    [week] 周
   *[month] 月
}划分的同期群 · { $criteria ->
    [on-or-after] 该期间或之后活跃
   *[on] 恰在该期间活跃
}，{ $reference ->
    [previous] 占上一期间的百分比
   *[first] 占同期群规模的百分比
}
cli-cohorts-none = 尚无客户
cli-column-cohort = 同期群
cli-column-size = 规模
cli-cohorts-legend = … 期间尚未结束（并非下降）；平均值按同期群规模加权，仅计完整单元格
cli-funnel-title = { $client } · 在 { $period } 进入的{ $per ->
    [session] 会话
   *[person] 用户
}漏斗 · 步骤{ $order ->
    [strict] 严格按顺序
    [any] 不限顺序
   *[ordered] 按顺序
}，时限 { $window }
cli-column-step = 步骤
cli-column-event = 事件
cli-column-count = 数量
cli-column-from-previous = 较上一步
cli-column-from-first = 较第一步
cli-column-dropped = 流失
cli-column-in-progress = 进行中
cli-column-median-time = 中位用时
cli-funnel-excluded = 因在步骤之间发生 { $events } 而移除的{ $per ->
    [session] 会话
   *[person] 用户
}：{ $count }
cli-funnel-cart = 购物车放弃率：{ $rate }（{ $carts } 个购物车中有 { $converted } 个在购物车时限内购买，来自 { $all } 位{ $per ->
    [session] 会话
   *[person] 用户
}中的 { $units } 位；{ $open } 个仍在时限内）

## Command line: comparisons and A/B tests
cli-compare-title = { $client } · 按 { $by } 划分的 { $metric } · { $period }
cli-column-attribute-value = 取值
cli-column-spend = 花费
cli-column-vs-best = 与最佳相比
cli-compare-best = 最佳
cli-compare-footnote = * 在 95% 水平上与最佳存在差异（{ $test }，按 Holm 法对 { $comparisons-text } 次比较校正）
cli-note = 注：{ $text }
cli-abtest-title = { $client } · { $metric } 的 A/B 测试 · { $period }
cli-interval = （95% 置信区间 { $low }–{ $high }）
cli-abtest-lift = B 相对 A 的提升：{ $lift }%
cli-abtest-lift-interval = B 相对 A 的提升：{ $lift }%（95% 置信区间 { $low }% 至 { $high }%）
cli-abtest-significant = { $test }：{ $p } → 差异在 95% 水平上显著
cli-abtest-not-significant = { $test }：{ $p } → 在 95% 水平上不显著：数据无法区分两组
cli-abtest-no-test = 无差异检验
cli-abtest-bayes = P(B > A) = { $probability }%；选择 B 的预期损失 { $loss-b } 个百分点，选择 A 为 { $loss-a } 个百分点
cli-metrics-footnote = * 在 95% 水平上显著；比率的变化以百分点表示

## Notes on how a result was made
note-split-by-column = 按 { $entities } 的 `{ $by }` 列拆分；{ $unsplit } 的指标未拆分
note-split-by-column-all = 按 { $entities } 的 `{ $by }` 列拆分
note-split-by-field = 按客户字段 `{ $field }` 拆分；未归属到客户的数据（广告、邮件、社交媒体）不属于任何组
note-several-groups = 拥有多个 `{ $field }` 值的客户会出现在多个组中
note-largest-groups = `{ $by }` 有 { $values-text } 个取值；仅显示最大的 { $shown-text } 个
note-inactivity = 客户按订单计数：最近一笔订单距今不超过 { $days-text } 天的客户视为活跃
note-no-data-for = 本期 { $metric } 在以下取值中没有数据：{ $values }
note-foreign-spend = { $values } 的花费不是以 { $home } 计价：导入汇率之前，这些取值没有花费、CPA、ROAS 或 CAC
note-no-ad-spend = 本期没有广告花费：无法计算 CPA、ROAS 和 CAC
note-largest-arms = 两组取自 `{ $column }` 中最大的两个取值；可用 --a-value 和 --b-value 指定
note-both-arms = 同时符合两个筛选条件的客户会同时出现在两组中
note-no-test = { $metric } 不是比例、均值或 NPS，因此没有差异检验

## Command line: models
cli-files-predictions = 逐客户结果：{ $file }（及 .csv）
cli-files-segments = 逐客户分群已保存为 `{ $name }`：{ $file }（及 .csv）
cli-files-churn = 逐客户评分：{ $file }（及 .csv）
cli-files-recommendations = 每位客户的推荐列表：{ $file }（及 .csv）
time-units = { $unit ->
    [day] 天
    [week] 周
    [month] 月
   *[year] 年
}
cli-predict-fit = { $client }：{ $model } 基于 { $customers-text } 位客户在 { $from } 至 { $to } 的已完成订单拟合（时间单位：{ $units }）
cli-predict-fit-opportunities = { $client }：{ $model } 基于 { $customers-text } 位客户在 { $from } 至 { $to } 的已完成订单拟合（机会：每位客户首次之后的各个自然{ $units }）
cli-log-likelihood = 对数似然 { $value }
cli-predict-spend-independent = 消费：Gamma-Gamma 基于 { $customers-text } 位复购客户，{ $params }；频次与消费的相关系数 { $rho }（较小：独立性假设成立）
cli-predict-spend-doubtful = 消费：Gamma-Gamma 基于 { $customers-text } 位复购客户，{ $params }；频次与消费的相关系数 { $rho }（高于 0.3：模型的独立性假设存疑，请谨慎看待 CLV）
cli-predict-no-spend = 消费：Gamma-Gamma 未能拟合，因此没有 CLV：{ $error }
cli-predict-next = 未来 { $horizon }：预计 { $transactions-text } 笔交易；{ $customers-text } 位客户中约 { $active } 位仍活跃；CLV 合计 { $clv }（年折现率 { $discount }%）
cli-predict-next-margin = 未来 { $horizon }：预计 { $transactions-text } 笔交易；{ $customers-text } 位客户中约 { $active } 位仍活跃；CLV 合计 { $clv }（年折现率 { $discount }%，毛利率 { $margin }%）
cli-predict-risk = 流失风险（P(活跃) < 0.3 为高，< 0.7 为中）：高 { $high }，中 { $medium }，低 { $low }
cli-predict-holdout = 留出期检验，{ $from } 至 { $to }（{ $length } { $units }）：按校准期频次划分的人均复购交易
cli-predict-holdout-total = 合计：预测 { $predicted }，实际 { $actual }（{ $error }%）
cli-predict-top = CLV 最高的 { $count-text } 位客户：
cli-column-customer = 客户
cli-column-customers = 客户数
cli-column-predicted = 预测
cli-column-actual = 实际
cli-column-expected = 预期
cli-column-risk = 风险
risk-high = 高
risk-medium = 中
risk-low = 低
cli-retention-fit = { $client }：基于 { $cohorts-text } 个同期群拟合的移位 Beta 几何留存模型（{ $customers-text } 位客户，截至 { $day }）
cli-retention-churn = 每{ $unit ->
    [year] 年
   *[month] 月
}平均流失概率 { $churn }%
cli-column-survival = 存活率
cli-column-retention = 留存率
cli-column-observed = 实测
cli-retention-lifetime = 新订阅用户的折现预期留存为 { $lifetime } { $units }（年折现率 { $discount }%）
cli-retention-lifetime-worth = 新订阅用户的折现预期留存为 { $lifetime } { $units }（年折现率 { $discount }%），按当前平均付费计价值 { $worth }
cli-segments-kmeans = k-means，按轮廓系数选定 k = { $k }（{ $scores }）
cli-segments-rfm = RFM 五分位
cli-segments-title = { $client }：截至 { $day } 共 { $customers-text } 位客户，{ $how }
cli-column-segment = 分群
cli-column-share = 占比
cli-column-revenue = 收入
cli-column-recency = 最近购买
cli-column-purchases = 购买次数
cli-churn-definition = { $client }：流失 = { $days-text } 天内没有购买。
cli-churn-trained = 训练集：{ $day } 时活跃的 { $customers-text } 位客户（{ $rate }% 流失），
cli-churn-tested = 测试集：{ $day } 时活跃的 { $customers-text } 位客户（{ $rate }% 流失），模型从未见过其结果：
cli-churn-quality = ROC AUC { $auc }（0.5 相当于抛硬币，1 为完美）；风险最高的 10%：精确率 { $precision }%，召回率 { $recall }%
cli-churn-calibration = 校准（按预测风险分为十等份）：预测 → 实测
cli-churn-drivers = 推高风险的因素（每个标准差的对数几率）：
cli-churn-constant = 未使用，所有客户取值相同（其数据源是否已导入？）：{ $features }
cli-churn-scored = 已为 { $day } 时活跃的 { $customers-text } 位客户评分；风险最高者：
cli-churn-score = （最近一次购买在 { $days-text } 天前，共 { $purchases-text } 次购买）
churn-feature-recency_days = 距最近一次购买的天数
churn-feature-purchases = 迄今的购买次数（有已完成订单的天数）
churn-feature-mean_spend = 每次购买的平均消费
churn-feature-tenure_days = 距首次购买的天数
churn-feature-purchases_90d = 最近 90 天的购买次数
churn-feature-tickets_90d = 最近 90 天提交的客服工单
churn-feature-escalations_90d = 最近 90 天升级的工单
churn-feature-survey_responses = 迄今提交的问卷回复
churn-feature-survey_score = 最近一次问卷得分（0–1 标度，无回复时为 0.5）
churn-feature-sessions_90d = 最近 90 天的网站访问
churn-feature-email_opens_90d = 最近 90 天打开的营销邮件
churn-feature-email_clicks_90d = 最近 90 天点击的营销邮件
churn-feature-email_unsubscribed = 已退订营销邮件为 1，否则为 0
cli-recommend-title = { $client }：{ $customers-text } 位客户购买了 { $products-text } 种商品。
cli-recommend-check = 检验：基于 { $day } 之前的订单拟合；之后购买了新商品的 { $customers-text } 位客户中，{ $hit } 买了为其推荐的 { $k } 件商品之一（前 { $k } 命中率）；若推荐最热门的 { $k } 件商品，命中率为 { $popular }。
recommend-popular = 热门
recommend-bought-with = 常与 { $product } 一起购买
cli-forecast-title = { $client }：{ $metric }，共 { $periods } 个完整期间；按 AICc（{ $aicc }）从 { $forms } 种形式中选出 { $model }；{ $params }
cli-column-interval-80 = 80% 区间
cli-column-interval-95 = 95% 区间
cli-forecast-actual = （实际）

## Model summaries, one sentence each (the demo, the server)
horizon-days = { $n-text } 天
horizon-weeks = { $n-text } 周
horizon-months = { $n-text } 个月
horizon-years = { $n-text } 年
sentence-purchase = { $client }：{ $model }，基于 { $customers-text } 位客户；未来 { $horizon } 预计 { $transactions-text } 笔交易，CLV 合计 { $clv }
sentence-per-customer = { $sentence }；逐客户结果见 { $file }
sentence-retention = { $client }：基于 { $cohorts-text } 个同期群的留存曲线（sBG）；{ $month1 } 的订阅用户留存超过第 1 个月，{ $month12 } 超过第 12 个月
sentence-churn = { $client }：流失分类器（{ $days-text } 天内无购买），在未见过的时间窗上 ROC AUC 为 { $auc }；已为 { $customers-text } 位现有客户评分
sentence-segments = { $client }：{ $method } 分群，最大的分群：{ $largest }
sentence-forecast = { $client }：{ $metric } 预测，{ $model }（80% 区间）：{ $next }
sentence-recommend = { $client }：商品推荐，前 { $k } 命中率 { $hit }（热门推荐 { $popular }）

## 命令行：工作区、客户、加载、实体、报告、反馈和定时任务
cli-init = 已在 { $dir } 创建 Rapport 工作区（时区 { $timezone }，货币 { $currency }）。
cli-next = 下一步：{ $command }
cli-next-edit = 下一步：编辑它，然后运行 `{ $command }`
cli-details = 详情：{ $command }
cli-client-added = 已添加客户 `{ $id }`（{ $name }）。
cli-client-added-calendar = 已添加客户 `{ $id }`（{ $name }），使用{ $calendar }，每周从{ $weekday }开始。
cli-client = 客户 `{ $id }`（{ $name }）。
cli-client-calendar = 客户 `{ $id }`（{ $name }），使用{ $calendar }，每周从{ $weekday }开始。
cli-target-reread = 注意：{ $metric } 在 `{ $period }` 的目标现在按{ $now }的周期解读；如果原意是{ $before }的周期，请重新设置
cli-no-loads = `{ $client }` 还没有加载记录；请用 `rapport ingest` 加载数据。
cli-column-load = 加载
cli-column-finished = 完成时间
cli-column-entity = 实体
cli-column-source = 来源
cli-column-read = 读取
cli-column-loaded = 已加载
cli-column-quarantined = 已隔离
cli-column-duplicates = 重复
cli-column-items = 并入行
cli-loads-items = { $column }：属于另一行所给记录的行：订单的其余商品明细行、客户的其他订单（不是重复）
cli-entity-summary = 键（{ $key }）；必填：{ $required }
cli-entity-key = { $entity }：键（{ $key }）
cli-entity-required = 必填
cli-entity-optional = 可选
cli-entity-rule = 规则：{ $rule }
cli-entity-common = 每张表还有 client_id 和 source 两列
column-type-text = 文本
column-type-integer = 整数
column-type-decimal = 数字
column-type-timestamp = 时间戳
column-type-date = 日期
column-type-boolean = 真或假
column-type-list = 列表
column-rule-non-negative = 不为负
column-rule-positive = 大于 0
column-rule-one-of = 取值为 { $values } 之一
column-rule-currency-code = ISO 4217 代码
column-rule-birth-year = 合理的出生年份
column-rule-period-label = 周期标签
row-rule-not-before = { $later } 不早于 { $earlier }
row-rule-survey-scale = 分数在调查的量表内（nps 0-10；csat 1-5，ces 1-7，除非 scale_min/scale_max 另有规定）
cli-no-reports = { $client } 还没有报告；请用 `rapport report { $client }` 生成一份
cli-column-run = 运行
cli-column-as-of = 截至
cli-column-made = 生成时间
cli-column-status = 状态
cli-column-scheduled = 定时任务
cli-column-files = 文件 · 投递
cli-report-definition = 报告定义：{ $file }
cli-report-template = 模板：{ $file }
cli-report-made = 报告 { $run } · { $client } · { $title } · { $period }（{ $seconds } 秒）
cli-no-feedback = { $client } 还没有反馈。
cli-feedback-line = 报告 { $run }（{ $period }）  { $rating }/5 分
cli-schedule-added = 已为 { $client } 添加定时任务 { $id }：{ $rule }。下次 { $next }（{ $period }），投递到 { $deliver }。
cli-schedule-cron = 请通过 cron 或 systemd 定时器运行 `rapport schedule run`；到期的报告只发送一次。
cli-schedule-removed = 已删除定时任务 { $id }（{ $client }）；其报告仍可在 `rapport report list { $client }` 中查看。
cli-no-schedules = 没有定时任务；请用 `rapport schedule add CLIENT --every month --deliver DIR` 添加。
cli-schedule-rule = { $every ->
        [month] 每月
       *[quarter] 每季度
    }第 { $day } 天 { $at } { $timezone }{ $approval ->
        [yes] ，需审批
       *[no] {""}
    }
cli-column-client = 客户
cli-column-when = 时间
cli-column-next-due = 下次
cli-column-deliver-to = 投递到
field-type-text = 文本
field-type-number = 数字
field-type-list = 列表
field-customer_id = 客户 ID
field-country = 客户属性
field-region = 客户属性
field-city = 客户属性
field-gender = 客户属性
field-company_type = B2B 或 B2C
field-industry = 客户属性
field-acquisition_channel = 客户属性
field-plan = 客户属性（或最近一次订阅的套餐）
field-lifecycle_stage = 客户属性
field-interests = 客户兴趣；用 `contains` 判断
field-birth_year = 客户属性
field-age = 周期结束时的年龄（岁），由 birth_year 计算
field-age_band = 18-24、25-34、35-44、45-54、55-64 或 65+
field-acquisition_cost = 客户属性
field-days_since_signup = 从 created_at 到周期结束的天数
field-orders_30d = 周期结束前 30 天内的已完成订单数
field-orders_90d = 周期结束前 90 天内的已完成订单数
field-orders_365d = 周期结束前 365 天内的已完成订单数
field-orders_total = 周期结束前的已完成订单数
field-revenue_90d = 周期结束前 90 天内已完成订单的收入
field-revenue_total = 周期结束前已完成订单的收入
field-days_since_last_order = 从最近一笔已完成订单到周期结束的天数
field-tickets_90d = 周期结束前 90 天内新建的客服工单数
field-last_nps = 客户在周期结束前最近一次的 NPS 评分（0–10）
field-segment = 已保存的分群（`rapport segments --save NAME`）给出的细分群体
report-status = { $status ->
        [rendering] 生成中
        [written] 已生成
       *[failed] 失败
    }
run-state = { $state ->
        [due] 到期
        [waiting] 等待数据
        [rendering] 生成中
        [awaiting_approval] 待审批
        [approved] 已批准
        [delivering] 投递中
        [delivered] 已投递
        [rejected] 已拒绝
       *[failed] 失败
    }

## k-means 细分群体的特征（rapport_predict::segments::Trait）
segment-average = 接近平均客户
segment-recency-high = 很久没有购买
segment-recency-low = 最近购买过
segment-frequency-high = 购买频繁
segment-frequency-low = 很少购买
segment-monetary-high = 消费高
segment-monetary-low = 消费低
segment-tenure-high = 成为客户已久
segment-tenure-low = 新近成为客户

# rapport cluster 与 --timeout
cli-timeout = 命令在 { $seconds-text } 秒后仍未完成，rapport 已停止（--timeout）。
cli-cluster-started = 已启动本地集群：调度器位于 127.0.0.1:{ $port }，执行器 { $executors-text } 个。在命令中加上 `--engine { $engine }` 即可在集群上运行其计划，或在 rapport.toml 中写入 `engine = "{ $engine }"`；用 `rapport cluster stop` 停止集群。
cli-cluster-stopped = 已停止本地集群（{ $processes-text } 个进程）。
cli-cluster-stopped-forced = 已停止本地集群（{ $processes-text } 个进程）；其中 { $forced-text } 个未按请求退出，已被强制结束。
cli-column-role = 角色
cli-column-process = 进程
cli-column-port = 端口
cli-column-state = 状态
cli-column-log = 日志
cli-cluster-scheduler = 调度器
cli-cluster-executor = 执行器
cli-cluster-answers = 正常应答
cli-cluster-silent = 运行中，端口未开放
cli-cluster-gone = 已退出
cli-cluster-runs-queries = { $engine } 上的集群可以运行查询：一行查询用时 { $millis-text } 毫秒。
cli-cluster-no-queries = { $engine } 上的集群无法运行查询：{ $error }

cli-storage-none = 此工作区未配置对象存储：请在 rapport.toml 中添加 `[settings.storage]` 表，并写入 `url = "s3://bucket/prefix"`（参见 `rapport storage sync --help`）。
cli-storage-synced = 存储桶 { $url } 现已包含这些客户的全部已提交数据文件和已保存的细分。
cli-column-uploaded = 已上传
cli-column-removed = 已删除
cli-column-present = 已存在

cli-user-no-password = 标准输入中没有密码：请通过管道传入，例如 `printf '%s\n' "$PASSWORD" | rapport user add …`。
cli-user-added = 已添加 { $email }，角色为 { $role }。
cli-user-every-client = 全部客户
cli-user-removed = 已删除 { $email }；其令牌已失效。
cli-token-created = 已为 { $email } 创建令牌 { $id }，有效期至 { $expires }。令牌只显示这一次：请保存在密码管理器或密钥库中。
cli-token-never = 永不
cli-token-revoked = 已撤销
cli-token-expired = 已过期
cli-token-active = 有效
cli-token-revoked-now = 已撤销 { $email } 的令牌 { $id }。
cli-column-email = 电子邮件
cli-column-clients = 客户
cli-column-created = 创建时间
cli-column-label = 标签
cli-column-expires = 到期

cli-serve-listening = 正在 { $url } 提供 { $workspace }（网页位于 /，API 位于 /api 下）。按 Ctrl-C 或发送 SIGTERM 可停止。
cli-serve-stopped = 已停止：所有进行中的请求均已答复。

## 网页（rapport serve）
web-skip = 跳到正文
web-navigation = 页面
web-clients = 客户
web-customers = 顾客
web-archive = 报告
web-period = 期间
web-compare = 对比
web-compare-previous = 上一期
web-language = 语言
web-show = 显示
web-sign-in = 登录
web-sign-out = 退出
web-email = 电子邮箱
web-password = 密码
web-bad-login = 电子邮箱与密码不匹配。
web-too-many = 失败次数过多。请等待一刻钟后再试。
web-not-found = 未找到
web-error = 出错了
web-back = 返回首页
web-read-html = 阅读
web-download-pdf = 下载 PDF
web-rating = 评分（5 为最好）
web-comment = 您希望在下一份报告中看到什么？
web-send = 发送反馈
web-no-reports = 暂无报告。
web-feedback-thanks = 谢谢。下一份报告将回应您的反馈。
web-live-note = 基于最新数据实时生成。报告列表保留每份报告生成时的原样。
web-forged = 此表单已过期或并非来自本网站。请刷新页面后重新提交。
web-column-report = 报告
web-column-made = 生成时间
web-column-status = 状态
web-column-files = 文件
web-schedules = 定时发送
web-schedules-title = 报告定时发送
web-schedule-add = 添加定时发送
web-schedule-every = 频率
web-schedule-month = 每月，发送上个月的报告
web-schedule-quarter = 每季度，发送上个季度的报告
web-schedule-day = 每月发送日
web-schedule-at = 发送时间（HH:MM）
web-schedule-deliver = 发送方式（smtp://主机:端口 或 smtps://主机:465；管理员可填写文件夹）
web-schedule-to = 收件人（电子邮件地址，用逗号分隔）
web-schedule-from = 发件人地址
web-schedule-approval = 每份报告发送前需经人批准
web-schedule-lang = 报告语言
web-schedule-lang-default = 按报告定义
web-schedule-remove = 删除
web-schedule-none = 尚无定时发送。
web-schedule-added = 已添加定时发送。
web-schedule-removed = 已删除定时发送。
web-column-when = 时间
web-column-next-due = 下次发送
web-column-deliver-to = 发送至
web-upload = 上传
web-upload-title = 上传导出文件
web-upload-file = 导出文件（CSV、JSON 或 Parquet；可一次上传同类的多个文件）
web-upload-entity = 内容类型
web-upload-detect = 根据列自动识别
web-upload-check = 检查文件
web-upload-load = 载入
web-upload-again = 上传其他文件
web-upload-unknown = 不会读取的列：
web-upload-preview = { $files } 将使用预设 { $preset }（{ $description }）载入{ $entity }，该预设识别其中 { $share } 的列。确认之前不会载入任何数据。
web-upload-preview-entity = { $files } 将载入{ $entity }。确认之前不会载入任何数据。
web-upload-not-allowed = 查看者可以阅读客户数据并提交反馈；上传由代理机构的分析师进行。

## A customer's page (rapport customer, the web): rapport_app::customer
customer-title = 客户 { $customer }
customer-find = 查找客户
customer-find-label = 客户编号或电子邮件
customer-find-button = 查找
customer-about = 客户资料
customer-outlook = 预测
customer-orders = 订单
customer-order-totals = 订单合计
customer-products = 购买最多的产品
customer-subscriptions = 订阅
customer-tickets = 客服工单
customer-surveys = 调查回答
customer-sessions = 网站会话
customer-segments = 细分
customer-recommendations = 推荐产品
customer-shown = 共 { $total-text } 条，显示最新 { $shown-text } 条
customer-not-found = { $client } 没有编号或电子邮件为“{ $customer }”的客户。
customer-none = 数据中没有记录。
customer-no-outlook = 没有保存的预测包含此客户。预测由 rapport predict 和 rapport churn 保存。
customer-p-alive = 仍活跃的概率 P(alive)
customer-expected-purchases = 预期购买次数
customer-expected-purchases-over = 未来 { $horizon } 的预期购买次数
customer-clv-over = 未来 { $horizon } 的预期价值（CLV）
customer-clv = 预期客户终身价值（CLV）
customer-risk = 流失风险
customer-churn-probability = 流失概率（分类器）
customer-model = 模型
customer-saved-on = 预测日期
customer-yes = 是
customer-no = 否
customer-column-date = 日期
customer-column-order = 订单
customer-column-amount = 金额
customer-column-status = 状态
customer-column-channel = 渠道
customer-column-items = 件数
customer-column-orders = 订单数
customer-column-first = 首次
customer-column-last = 最近
customer-column-product = 产品
customer-column-category = 类别
customer-column-quantity = 数量
customer-column-plan = 套餐
customer-column-started = 开始
customer-column-ended = 结束
customer-column-mrr = 月经常性收入
customer-column-ticket = 工单
customer-column-resolved = 解决
customer-column-escalated = 已升级
customer-column-survey = 调查
customer-column-score = 分数
customer-column-comment = 评论
customer-column-touchpoint = 接触点
customer-column-events = 事件
customer-column-pages = 页面
customer-column-revenue = 收入
customer-column-source = 来源
customer-column-device = 设备
customer-column-segmentation = 细分方式
customer-column-segment = 细分
customer-column-rank = 排名
customer-column-because = 原因
customer-field-created_at = 成为客户于
customer-field-country = 国家
customer-field-region = 地区
customer-field-city = 城市
customer-field-birth_year = 出生年份
customer-field-gender = 性别
customer-field-company_type = B2B 或 B2C
customer-field-industry = 行业
customer-field-acquisition_channel = 获客渠道
customer-field-acquisition_cost = 获客成本
customer-field-interests = 兴趣
customer-field-plan = 套餐
customer-field-lifecycle_stage = 生命周期阶段
customer-field-source = 来源系统

## The agency's people, tokens and audit log (rapport_app::access and the admins' pages).
role-admin = 机构管理员
role-analyst = 分析师
role-viewer = 客户查看者
access-web-session = 网页会话
audit-actor-cli = 命令行
audit-signed-in = 登录
audit-signed-out = 退出登录
audit-sign-in-failed = 登录失败
audit-sign-in-throttled = 因多次登录失败被拒绝
audit-user-added = 添加了一位成员
audit-user-removed = 移除了一位成员
audit-token-created = 创建了 API 令牌
audit-token-revoked = 撤销了令牌
audit-report-made = 生成了报告
audit-report-downloaded = 下载了报告
audit-feedback-given = 对报告提交了反馈
audit-schedule-added = 添加了报告计划
audit-schedule-removed = 删除了报告计划
audit-upload-loaded = 导入了上传的文件
cli-column-last-used = 最近使用
cli-column-who = 谁
cli-column-action = 操作
cli-column-subject = 对象
web-column-email = 电子邮件
web-column-role = 角色
web-column-clients = 客户
web-column-created = 添加时间
web-column-id = 编号
web-column-label = 用途
web-column-expires = 失效时间
web-column-last-used = 最近使用
web-column-state = 状态
web-column-who = 谁
web-column-action = 操作
web-column-subject = 对象
web-column-source = 来源
web-agency = 成员
web-people-title = 成员与访问权限
web-audit = 审计日志
web-audit-newest = 最新的 { $count } 条记录，最新的在前。
web-audit-more = 显示更多
web-not-admin = 只有机构管理员可以管理成员和令牌、查看审计日志。
web-user-add = 添加成员
web-user-email = 对方的电子邮件
web-user-role = 角色
web-user-clients = 客户（分析师：一个或多个；客户查看者：恰好一个；管理员可以看到所有客户）
web-user-password = 初始密码（至少 12 个字符；请通过其他渠道告知对方）
web-user-added = 已添加 { $email }。
web-user-removed = 已移除 { $email }，其令牌和会话均已失效。
web-user-remove = 移除
web-user-you = 您
web-tokens = API 令牌与网页会话
web-token-create = 创建 API 令牌
web-token-for = 给谁
web-token-label = 用途
web-token-expires = 失效时间（天数，如 90d，或日期，如 2027-03-01；留空表示永不失效）
web-token-secret = { $email } 的令牌。它只显示这一次：请立即复制到密码管理器或密钥库中。
web-token-revoke = 撤销
web-token-revoked = 令牌 { $id } 已撤销。
web-tokens-all = 同时显示已撤销和已过期的令牌
web-tokens-working = 只显示有效的令牌
web-tokens-none = 没有令牌。

## Errors a library raises, said in the reader's language (messages::Said).
error-as-is = { $text }
error-schedule-no-target = 请提供报告要送达的文件夹或 smtp:// 地址
error-schedule-scheme = `{ $deliver }`：报告只能送达文件夹或通过电子邮件（smtp:// 或 smtps://）发送，不能通过 { $scheme }://
error-schedule-not-a-url = `{ $deliver }` 不是邮件服务器的地址（{ $reason }）
error-schedule-no-host = `{ $deliver }` 没有指明邮件服务器（smtp://主机:端口）
error-schedule-password = `{ $deliver }` 含有密码：目录不是存放机密的地方，不保存密码。请去掉密码后再提供地址，并在运行计划的地方设置 { $variable }
error-schedule-address = `{ $address }` 不是电子邮件地址（{ $reason }）；请写成 name@example.com 或 "Name <name@example.com>"
error-schedule-no-sender = 通过电子邮件发送的报告需要发件人地址
error-schedule-no-recipient = 通过电子邮件发送的报告至少需要一个收件人
error-schedule-lang = `{ $lang }` 不是报告语言（en、ro、zh-Hans、fa）
error-schedule-time = `{ $at }` 不是 08:00 这样的时间（24 小时制 HH:MM）
error-schedule-timezone = `{ $timezone }` 不是 IANA 时区名称（例如 Europe/Bucharest 或 UTC）
error-schedule-day = { $day-text } 不是一个月中的日期：请填 1 到 31（某月没有的日期即指该月最后一天）
error-schedule-not-rendered = 该计划的报告尚未生成，无可送达
error-schedule-no-files = 报告 { $run } 没有可送达的文件
error-weak-password = 密码至少需要 { $min-text } 个字符；这个只有 { $chars-text } 个
error-bad-expiry = `{ $text }` 不是有效的失效时间：请填天数（90d）或今天之后的日期（2027-03-01）
error-no-client = 这里没有客户 `{ $client }`
error-user-email = `{ $email }` 不是 ana@agency.example 这样的电子邮件地址
error-user-viewer-clients = 客户查看者只能对应一个客户，而不是 { $count-text } 个
error-user-analyst-clients = 分析师至少负责一个客户；请指明其负责的客户
error-user-admin-clients = 管理员可以看到所有客户，因此不为其指定客户
error-user-exists = 用户 `{ $email }` 已存在
error-user-unknown = 没有用户 `{ $email }`
error-token-unknown = 没有令牌 { $id }
error-rating = 评分为 1 到 5，不能是 { $rating }
error-self-removal = 管理员不能移除自己；可以由另一位管理员移除
error-unknown-customer = { $client } 的顾客、订单和订阅中都没有顾客 `{ $customer }`（可填 id，或作为 id 使用的电子邮件）
error-upload-loaded = 上传 `{ $upload }` 已经导入过了；如需再次导入，请重新上传文件
probability-under = 低于 { $share }
probability-over = 高于 { $share }
error-missing-columns = `{ $input }` 缺少 { $entity } 所需的列：{ $missing }。它包含：{ $available }。
error-unreadable = 无法读取 `{ $input }`：{ $reason }
error-no-preset = 没有预设能读取 `{ $file }`，也没有选择数据类型，因此什么都没有导入。请选择文件包含的数据类型，或请分析师提供映射。
web-upload-closest = 最接近的预设：
web-upload-near = { $preset }（{ $entity }）缺少 { $missing }
error-period = `{ $label }` 不是有效的时期：请使用月份（2026-10）、季度（2026-Q3）、年份（2026）、周（2026-W41）或日期范围（2026-08-01..2026-10-31）
error-period-solar = `{ $label }` 不是有效的时期：请使用伊朗太阳历的月份（1405-08 即 1405 年阿班月）、季度（1405-Q3）、年份（1405）、周（1405-W31）或日期范围（1405-08-01..1405-08-30）
error-busy = 服务器正在处理其他请求；请过几秒再试。
error-internal = 服务器出错了，原因记录在其日志中。请告知代理机构，稍后再试。
web-tokens-newest = 只显示最新的 { $count-text } 个；`rapport token list` 列出全部。
