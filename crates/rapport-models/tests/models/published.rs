//! Fits on the published CDNOW data (see `data/README.md`) against the
//! estimates printed in the papers, to the digits printed there.

use rapport_models::{GammaGamma, History, PurchaseModel, PurchaseModelKind, SpendHistory};

struct Row {
    history: History,
    zbar: f64,
}

fn cdnow() -> Vec<Row> {
    let text = include_str!("data/cdnow_summary.csv");
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<f64> = l.split(',').map(|v| v.parse().unwrap()).collect();
            Row {
                history: History {
                    x: f[1],
                    t_x: f[2],
                    t: f[3],
                },
                zbar: f[4],
            }
        })
        .collect()
}

fn assert_close(name: &str, got: f64, published: f64, abs: f64) {
    assert!(
        (got - published).abs() <= abs,
        "{name}: got {got}, published {published} (± {abs})"
    );
}

/// Fader, Hardie & Lee (2005), "Counting your customers the easy way",
/// section 5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
#[test]
fn bg_nbd_matches_the_published_cdnow_fit() {
    let h: Vec<History> = cdnow().iter().map(|r| r.history).collect();
    let fit = PurchaseModel::fit(PurchaseModelKind::BgNbd, &h).unwrap();
    let PurchaseModel::BgNbd(p) = fit.model else {
        panic!("{:?}", fit.model)
    };
    assert_close("r", p.r, 0.243, 0.0005);
    assert_close("alpha", p.alpha, 4.414, 0.0005);
    assert_close("a", p.a, 0.793, 0.0005);
    assert_close("b", p.b, 2.426, 0.0005);
    assert_close("log-likelihood", fit.log_likelihood, -9582.4, 0.05);
    // Under BG/NBD a customer with no repeat purchase cannot have dropped out.
    let zero = h.iter().find(|c| c.x == 0.0).unwrap();
    assert_eq!(fit.model.p_alive(zero).unwrap(), 1.0);
}

/// The Pareto/NBD fit to the same data in Fader, Hardie & Lee (2005),
/// "A note on deriving the Pareto/NBD model": r = 0.553, α = 10.578,
/// s = 0.606, β = 11.669, LL = −9595.0.
#[test]
fn pareto_nbd_matches_the_published_cdnow_fit() {
    let h: Vec<History> = cdnow().iter().map(|r| r.history).collect();
    let fit = PurchaseModel::fit(PurchaseModelKind::ParetoNbd, &h).unwrap();
    let PurchaseModel::ParetoNbd(p) = fit.model else {
        panic!("{:?}", fit.model)
    };
    assert_close("r", p.r, 0.553, 0.002);
    assert_close("alpha", p.alpha, 10.578, 0.02);
    assert_close("s", p.s, 0.606, 0.002);
    assert_close("beta", p.beta, 11.669, 0.05);
    assert_close("log-likelihood", fit.log_likelihood, -9595.0, 0.1);
}

/// Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves",
/// the Gamma-Gamma fit to the 946 CDNOW repeat buyers: p = 6.25, q = 3.74,
/// γ = 15.44.
#[test]
fn gamma_gamma_matches_the_published_cdnow_fit() {
    let spend: Vec<SpendHistory> = cdnow()
        .iter()
        .filter(|r| r.history.x > 0.0)
        .map(|r| SpendHistory {
            x: r.history.x,
            mean_value: r.zbar,
        })
        .collect();
    assert_eq!(spend.len(), 946);
    let fit = GammaGamma::fit(&spend).unwrap();
    assert_close("p", fit.model.p, 6.25, 0.005);
    assert_close("q", fit.model.q, 3.74, 0.005);
    assert_close("gamma", fit.model.gamma, 15.44, 0.01);
    // The paper's own check of the independence assumption: ρ = 0.11.
    assert_close("correlation", fit.frequency_spend_correlation, 0.11, 0.005);
    assert!(!fit.independence_doubtful());
}

/// Fader, Hardie & Shang (2010), BG/BB on the 1995 cohort of donors (11,104
/// people, 6 yearly opportunities): α = 1.204, β = 0.750, γ = 0.657,
/// δ = 2.783, LL = −33,225.6.
#[test]
fn bg_bb_matches_the_published_donations_fit() {
    let data: Vec<(rapport_models::BgBbHistory, f64)> = include_str!("data/donations.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<u32> = l.split(',').map(|v| v.parse().unwrap()).collect();
            (
                rapport_models::BgBbHistory {
                    x: f[0],
                    t_x: f[1],
                    n: f[2],
                },
                f64::from(f[3]),
            )
        })
        .collect();
    let fit = rapport_models::BgBb::fit(&data).unwrap();
    assert_eq!(fit.n_customers, 11_104.0);
    assert_close("alpha", fit.model.alpha, 1.204, 0.0005);
    assert_close("beta", fit.model.beta, 0.750, 0.0005);
    assert_close("gamma", fit.model.gamma, 0.657, 0.0005);
    assert_close("delta", fit.model.delta, 2.783, 0.0005);
    assert_close("log-likelihood", fit.log_likelihood, -33_225.6, 0.05);
}
