//! Parameter recovery (MODELS.md): simulate customers from known
//! parameters, fit, and require the estimates back; and the closed forms
//! (P(alive), expected transactions) against Monte-Carlo outcomes of the
//! same simulation.
//!
//! Tolerances: with n customers a maximum-likelihood estimate has a
//! standard error of order 1/√n of the parameter's scale; for the sizes
//! below that is 2–6 % for the rate parameters and up to about 10 % for
//! the drop-out ones (a and b are identified only by customers who stop,
//! and correlate strongly with each other). The bounds are about three
//! standard errors, so they fail on a wrong likelihood (which is off by
//! far more) and not on sampling noise. The seeds are fixed.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rapport_models::simulate::{self, SimulatedCustomer};
use rapport_models::{
    BgNbdParams, GammaGamma, History, ParetoNbdParams, PurchaseModel, PurchaseModelKind,
    ShiftedBetaGeometric, SpendHistory,
};

fn within(name: &str, got: f64, truth: f64, rel: f64) {
    assert!(
        (got - truth).abs() <= rel * truth,
        "{name}: estimated {got:.4}, true {truth} (tolerance {:.0} %)",
        rel * 100.0
    );
}

fn histories(c: &[SimulatedCustomer]) -> Vec<History> {
    c.iter().map(|c| c.history).collect()
}

/// Σ E[Y(t) | history] against the simulated future transactions, and
/// Σ P(alive) against the customers simulated alive: both are unbiased
/// for the truth, so the sums must agree up to Monte-Carlo noise.
fn closed_forms_match_monte_carlo(
    model: &PurchaseModel,
    customers: &[SimulatedCustomer],
    future: f64,
) {
    let (mut expected, mut actual, mut p_alive, mut alive) = (0.0, 0.0, 0.0, 0.0);
    for c in customers {
        expected += model.expected_transactions(&c.history, future).unwrap();
        actual += c.future_transactions;
        p_alive += model.p_alive(&c.history).unwrap();
        alive += f64::from(u8::from(c.alive_at_end));
    }
    within("future transactions (sum)", expected, actual, 0.03);
    within("customers alive (sum of P(alive))", p_alive, alive, 0.02);
}

#[test]
fn bg_nbd_recovers_its_parameters() {
    let truth = BgNbdParams {
        r: 0.9,
        alpha: 40.0,
        a: 1.2,
        b: 5.0,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let customers = simulate::bg_nbd(&mut rng, truth, 40_000, 730.0, 180.0).unwrap();
    let fit = PurchaseModel::fit(PurchaseModelKind::BgNbd, &histories(&customers)).unwrap();
    let PurchaseModel::BgNbd(p) = fit.model else {
        panic!()
    };
    within("r", p.r, truth.r, 0.06);
    within("alpha", p.alpha, truth.alpha, 0.08);
    within("a", p.a, truth.a, 0.12);
    within("b", p.b, truth.b, 0.15);
    closed_forms_match_monte_carlo(&PurchaseModel::BgNbd(truth), &customers, 180.0);
}

#[test]
fn mbg_nbd_recovers_its_parameters() {
    let truth = BgNbdParams {
        r: 0.9,
        alpha: 40.0,
        a: 1.2,
        b: 5.0,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let customers = simulate::mbg_nbd(&mut rng, truth, 40_000, 730.0, 180.0).unwrap();
    let fit = PurchaseModel::fit(PurchaseModelKind::MbgNbd, &histories(&customers)).unwrap();
    let PurchaseModel::MbgNbd(p) = fit.model else {
        panic!()
    };
    within("r", p.r, truth.r, 0.06);
    within("alpha", p.alpha, truth.alpha, 0.08);
    within("a", p.a, truth.a, 0.12);
    within("b", p.b, truth.b, 0.15);
    closed_forms_match_monte_carlo(&PurchaseModel::MbgNbd(truth), &customers, 180.0);
}

#[test]
fn pareto_nbd_recovers_its_parameters() {
    let truth = ParetoNbdParams {
        r: 0.8,
        alpha: 30.0,
        s: 0.7,
        beta: 200.0,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    let customers = simulate::pareto_nbd(&mut rng, truth, 20_000, 730.0, 180.0).unwrap();
    let fit = PurchaseModel::fit(PurchaseModelKind::ParetoNbd, &histories(&customers)).unwrap();
    let PurchaseModel::ParetoNbd(p) = fit.model else {
        panic!()
    };
    within("r", p.r, truth.r, 0.08);
    within("alpha", p.alpha, truth.alpha, 0.10);
    within("s", p.s, truth.s, 0.20);
    within("beta", p.beta, truth.beta, 0.35);
    closed_forms_match_monte_carlo(&PurchaseModel::ParetoNbd(truth), &customers, 180.0);
}

#[test]
fn expected_transactions_of_a_new_customer_match_monte_carlo() {
    let truth = BgNbdParams {
        r: 0.9,
        alpha: 40.0,
        a: 1.2,
        b: 5.0,
    };
    let pareto = ParetoNbdParams {
        r: 0.8,
        alpha: 30.0,
        s: 0.7,
        beta: 200.0,
    };
    let t = 365.0;
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let cases = [
        (
            PurchaseModel::BgNbd(truth),
            simulate::bg_nbd(&mut rng, truth, 100_000, 1e-9, t).unwrap(),
        ),
        (
            PurchaseModel::MbgNbd(truth),
            simulate::mbg_nbd(&mut rng, truth, 100_000, 1e-9, t).unwrap(),
        ),
        (
            PurchaseModel::ParetoNbd(pareto),
            simulate::pareto_nbd(&mut rng, pareto, 100_000, 1e-9, t).unwrap(),
        ),
    ];
    for (model, customers) in cases {
        let mc =
            customers.iter().map(|c| c.future_transactions).sum::<f64>() / customers.len() as f64;
        within(
            &format!("{:?} E[X({t})]", model.kind()),
            model.expected_transactions_new(t).unwrap(),
            mc,
            0.03,
        );
    }
}

#[test]
fn gamma_gamma_recovers_its_parameters() {
    let truth = GammaGamma {
        p: 6.0,
        q: 4.0,
        gamma: 15.0,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(15);
    let counts: Vec<f64> = (0..20_000).map(|i| 1.0 + f64::from(i % 7)).collect();
    let means = simulate::gamma_gamma(&mut rng, truth, &counts).unwrap();
    let data: Vec<SpendHistory> = counts
        .iter()
        .zip(&means)
        .map(|(&x, &m)| SpendHistory { x, mean_value: m })
        .collect();
    let fit = rapport_models::GammaGamma::fit(&data).unwrap();
    within("p", fit.model.p, truth.p, 0.06);
    within("q", fit.model.q, truth.q, 0.08);
    within("gamma", fit.model.gamma, truth.gamma, 0.12);
    assert!(fit.frequency_spend_correlation.abs() < 0.05);
}

#[test]
fn sbg_recovers_its_parameters_from_several_cohorts() {
    let (alpha, beta) = (1.3, 9.0);
    let mut rng = ChaCha8Rng::seed_from_u64(16);
    let cohorts: Vec<Vec<f64>> = (0..12)
        .map(|i| simulate::sbg_cohort(&mut rng, alpha, beta, 2_000, 24 - i).unwrap())
        .collect();
    let fit = ShiftedBetaGeometric::fit(&cohorts).unwrap();
    within("alpha", fit.model.alpha, alpha, 0.12);
    within("beta", fit.model.beta, beta, 0.15);
    // Closed-form survival against the simulated share still active.
    let (n0, n12): (f64, f64) = cohorts
        .iter()
        .map(|c| (c[0], c[12]))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    within(
        "S(12)",
        ShiftedBetaGeometric { alpha, beta }.survival(12),
        n12 / n0,
        0.04,
    );
}

#[test]
fn huge_x_and_t_stay_finite() {
    let m = PurchaseModel::BgNbd(BgNbdParams {
        r: 0.9,
        alpha: 40.0,
        a: 1.2,
        b: 5.0,
    });
    let p = PurchaseModel::ParetoNbd(ParetoNbdParams {
        r: 0.8,
        alpha: 30.0,
        s: 0.7,
        beta: 200.0,
    });
    let mbg = PurchaseModel::MbgNbd(BgNbdParams {
        r: 0.9,
        alpha: 40.0,
        a: 1.2,
        b: 5.0,
    });
    for model in [m, p, mbg] {
        for h in [
            History {
                x: 20_000.0,
                t_x: 99_990.0,
                t: 100_000.0,
            },
            History {
                x: 1.0,
                t_x: 1.0,
                t: 1e7,
            },
            History {
                x: 0.0,
                t_x: 0.0,
                t: 1e7,
            },
        ] {
            let ll = model.log_likelihood(&h).unwrap();
            let alive = model.p_alive(&h).unwrap();
            let y = model.expected_transactions(&h, 365.0).unwrap();
            assert!(
                ll.is_finite() && (0.0..=1.0).contains(&alive) && y.is_finite() && y >= 0.0,
                "{:?} {h:?}: ll {ll}, p_alive {alive}, E[Y] {y}",
                model.kind()
            );
        }
    }
}

#[test]
fn one_customer_or_no_repeat_buyers_is_a_clear_error() {
    let one = [History {
        x: 3.0,
        t_x: 20.0,
        t: 40.0,
    }];
    let err = PurchaseModel::fit(PurchaseModelKind::BgNbd, &one).unwrap_err();
    assert!(err.to_string().contains("at least 10"), "{err}");
    // Many customers who never return: no drop-out process to see.
    let loyal: Vec<History> = (1..=50)
        .map(|i| History {
            x: 0.0,
            t_x: 0.0,
            t: f64::from(i),
        })
        .collect();
    let err = PurchaseModel::fit(PurchaseModelKind::ParetoNbd, &loyal).unwrap_err();
    assert!(err.to_string().contains("repeat purchase"), "{err}");
}

#[test]
fn customers_on_a_fixed_schedule_are_a_clear_error_naming_the_rate() {
    // Everyone buys every 30 days and nobody leaves: purchase rates do not
    // vary across customers, so r and alpha run to infinity together.
    let histories: Vec<History> = (0..300)
        .map(|i| {
            let t = 100.0 + f64::from(i % 200);
            let x = (t / 30.0).floor();
            History {
                x,
                t_x: x * 30.0,
                t,
            }
        })
        .collect();
    let err = PurchaseModel::fit(PurchaseModelKind::BgNbd, &histories).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, rapport_models::Error::Degenerate { .. }) && text.contains("same rate"),
        "{text}"
    );
}

#[test]
fn bg_bb_recovers_its_parameters_and_predicts_the_future() {
    let truth = rapport_models::BgBb {
        alpha: 1.2,
        beta: 0.75,
        gamma: 0.66,
        delta: 2.8,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    let customers = simulate::bg_bb(&mut rng, truth, 60_000, 6, 5).unwrap();
    let mut grouped: std::collections::BTreeMap<(u32, u32), f64> = Default::default();
    for (h, _) in &customers {
        *grouped.entry((h.x, h.t_x)).or_default() += 1.0;
    }
    let data: Vec<_> = grouped
        .iter()
        .map(|(&(x, t_x), &w)| (rapport_models::BgBbHistory { x, t_x, n: 6 }, w))
        .collect();
    let fit = rapport_models::BgBb::fit(&data).unwrap();
    within("alpha", fit.model.alpha, truth.alpha, 0.10);
    within("beta", fit.model.beta, truth.beta, 0.10);
    within("gamma", fit.model.gamma, truth.gamma, 0.15);
    within("delta", fit.model.delta, truth.delta, 0.25);
    // Closed form (γ < 1 here, so the finite sum) against the simulated future.
    let expected: f64 = customers
        .iter()
        .map(|(h, _)| truth.expected_transactions(h, 5).unwrap())
        .sum();
    let actual: f64 = customers.iter().map(|(_, later)| f64::from(*later)).sum();
    within("future transactions (sum)", expected, actual, 0.03);
}
