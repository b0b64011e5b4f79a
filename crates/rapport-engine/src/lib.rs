//! The query engine: one DataFusion session per client.
//!
//! [`ClientSession::open`] registers every canonical entity of one client as
//! a table (`orders`, `survey_responses`, …) over exactly the Parquet files
//! the catalog lists for it, and nothing of any other client. An entity with
//! no loads is an empty table with the canonical schema, so queries and
//! metrics never fail on a table that "does not exist".
//!
//! Metric code only sees a [`SessionContext`]; how it is made is decided
//! here from the workspace's `engine` setting ([`Engine`]): embedded, or a
//! Ballista cluster's client (the `cluster` feature), which sends each
//! plan to the cluster's scheduler. Every table is therefore something a
//! plan can carry: Parquet listings, empty tables and views, never an
//! in-memory table of this process.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let ws = rapport_store::Workspace::init(dir.path(), Default::default())?;
//! ws.add_client("acme", "Acme")?;
//! let session = rapport_engine::ClientSession::open(&ws, "acme").await?;
//! let batches = session.query_readonly("SELECT count(*) AS n FROM orders").await?;
//! assert_eq!(batches[0].num_rows(), 1);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::MemoryCatalogProviderList;
use datafusion::common::{Column, ScalarValue};
use datafusion::datasource::TableProvider;
use datafusion::datasource::empty::EmptyTable;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::execution::context::SQLOptions;
use datafusion::execution::object_store::ObjectStoreUrl;
use datafusion::execution::{SessionState, SessionStateBuilder};
use datafusion::logical_expr::registry::FunctionRegistry;
use datafusion::prelude::{DataFrame, Expr, SessionConfig, SessionContext, lit};
use rapport_schema::{CLIENT_ID_COLUMN, Entity, SOURCE_COLUMN};
use rapport_store::{Storage, Workspace};

pub use datafusion;

#[cfg(feature = "cluster")]
mod cluster;
#[cfg(feature = "cluster")]
pub use cluster::{ObjectStoresFromEnv, cluster_config};
mod rates;
pub use rates::CARRY_DAYS;

/// Groups per row above which a partial aggregation gives up and passes
/// rows on (see `new_context`).
const SKIP_PARTIAL_AGGREGATION_RATIO: f64 = 0.1;

/// Errors of the engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Store(#[from] rapport_store::Error),

    #[error("the query failed: {0}")]
    Query(#[from] datafusion::error::DataFusionError),

    #[error(
        "this workspace asks for the distributed engine `{engine}`, but this build of rapport has only the local engine (build it with the `cluster` feature), or set `engine = \"local\"` in rapport.toml"
    )]
    DistributedUnavailable { engine: String },

    #[error("engine `{engine}` is neither `local` nor `ballista://HOST:PORT`")]
    BadEngine { engine: String },

    #[error(
        "{engine} did not run a one-row query within {seconds} s: has the cluster any executor?"
    )]
    NoAnswer { engine: String, seconds: u64 },

    #[error(
        "the Ballista scheduler at {address} did not answer within {seconds} s ({cause}); is the cluster running (`rapport cluster status`)?"
    )]
    ClusterUnreachable {
        address: String,
        seconds: u64,
        cause: String,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A DataFusion session holding one client's tables.
pub struct ClientSession {
    ctx: SessionContext,
    client: String,
}

impl std::fmt::Debug for ClientSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSession")
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

/// Where a workspace's plans run: its `engine` setting, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    /// Embedded DataFusion, in this process.
    Local,
    /// A Ballista cluster whose scheduler listens at `host:port`.
    Cluster { host: String, port: u16 },
}

impl Engine {
    /// Ballista's scheduler port, when an address gives none.
    pub const DEFAULT_PORT: u16 = 50050;

    /// Reads `local` or `ballista://HOST[:PORT]`.
    pub fn parse(engine: &str) -> Result<Engine> {
        let bad = || Error::BadEngine {
            engine: engine.to_owned(),
        };
        if engine == "local" {
            return Ok(Engine::Local);
        }
        let rest = engine.strip_prefix("ballista://").ok_or_else(bad)?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) => (host, port.parse::<u16>().map_err(|_| bad())?),
            None => (rest, Self::DEFAULT_PORT),
        };
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
        if host.is_empty() || !host.chars().all(plain) || port == 0 {
            return Err(bad());
        }
        Ok(Engine::Cluster {
            host: host.to_owned(),
            port,
        })
    }
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Engine::Local => f.write_str("local"),
            Engine::Cluster { host, port } => write!(f, "ballista://{host}:{port}"),
        }
    }
}

/// The DataFusion options every plan of ours runs with, on this process
/// and on a cluster's scheduler and executors alike.
pub fn session_config() -> Result<SessionConfig> {
    let mut config = SessionConfig::new()
        .with_information_schema(true)
        .with_target_partitions(std::thread::available_parallelism().map_or(2, usize::from));
    // Metric plans group events by session and orders by customer: a few
    // rows per group, so the partial (per-partition) aggregation step
    // shrinks its input little and costs nearly as much as the final one.
    // DataFusion stops partial aggregation when, after its first 100,000
    // rows, there are more than this many groups per row (default 0.8);
    // at 0.1 sessions of five events pass straight to the final step,
    // which made the session plan of `rapport-bench metrics`, split over
    // two partitions, a quarter faster. (The metric suite itself runs its
    // plans in one partition each; see `rapport_metrics`.)
    config
        .options_mut()
        .execution
        .skip_partial_aggregation_probe_ratio_threshold = SKIP_PARTIAL_AGGREGATION_RATIO;
    apply_env_overrides(&mut config, |name| std::env::var(name).ok())?;
    Ok(config)
}

/// Registers the functions our plans call: the one registration shared
/// by the embedded engine, the cluster's client, its scheduler and every
/// executor (`rapport-cluster`), so that a plan made here runs there.
/// Today these are DataFusion's own functions (which a state built with
/// default features has already; registering them again replaces each by
/// itself); a function of ours would be added here and nowhere else.
pub fn register_functions(state: &mut SessionState) -> Result<()> {
    for f in datafusion::functions::all_default_functions() {
        state.register_udf(f)?;
    }
    for f in datafusion::functions_nested::all_default_nested_functions() {
        state.register_udf(f)?;
    }
    for f in datafusion::functions_aggregate::all_default_aggregate_functions() {
        state.register_udaf(f)?;
    }
    for f in datafusion::functions_window::all_default_window_functions() {
        state.register_udwf(f)?;
    }
    Ok(())
}

/// A session state with our options and functions, before the engine
/// (embedded or cluster client) is chosen.
pub(crate) fn session_state(config: SessionConfig) -> Result<SessionState> {
    let mut state = SessionStateBuilder::new()
        .with_default_features()
        .with_config(config)
        .build();
    register_functions(&mut state)?;
    Ok(state)
}

/// Makes the session context for a workspace: the one seam between metric
/// code and where plans run.
async fn new_context(engine: &Engine) -> Result<SessionContext> {
    match engine {
        Engine::Local => Ok(SessionContext::new_with_state(session_state(
            session_config()?,
        )?)),
        #[cfg(feature = "cluster")]
        Engine::Cluster { host, port } => cluster::context(host, *port).await,
        #[cfg(not(feature = "cluster"))]
        Engine::Cluster { .. } => Err(Error::DistributedUnavailable {
            engine: engine.to_string(),
        }),
    }
}

/// Runs a trivial plan on `engine`: whether it answers queries (a
/// cluster whose scheduler runs but has no executor does not).
pub async fn check(engine: &Engine) -> Result<()> {
    let ctx = new_context(engine).await?;
    let run = async { ctx.sql("SELECT 1 AS one").await?.collect().await };
    match tokio::time::timeout(CHECK_TIMEOUT, run).await {
        Ok(batches) => {
            batches?;
            Ok(())
        }
        Err(_) => Err(Error::NoAnswer {
            engine: engine.to_string(),
            seconds: CHECK_TIMEOUT.as_secs(),
        }),
    }
}

/// How long [`check`] waits for its plan.
/// An executor registers before it opens its ports, so a cluster that
/// `rapport cluster start` saw answer runs the query at once.
const CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Where a plan of this workspace reads one of its files (a saved
/// segment): the bucket of `[settings.storage]` when plans run on a
/// cluster, the file itself otherwise.
pub fn file_location(ws: &Workspace, file: &std::path::Path) -> Result<String> {
    let local = || file.to_string_lossy().into_owned();
    Ok(match (storage_read_by(ws)?, file.strip_prefix(ws.root())) {
        (Some(storage), Ok(rel)) => storage.url_of(&rel.to_string_lossy().replace('\\', "/")),
        _ => local(),
    })
}

/// The object storage the plans of `ws` read its data from: on a cluster
/// with `[settings.storage]`, that bucket; otherwise none (the folder).
fn storage_read_by(ws: &Workspace) -> Result<Option<&Storage>> {
    Ok(match Engine::parse(&ws.settings().engine)? {
        Engine::Local => None,
        Engine::Cluster { .. } => ws.settings().storage.as_ref(),
    })
}

/// A session like `base` (same options, same engine) with no tables: for
/// derived views (a segment's tables) that must not change `base`'s.
pub fn fresh_context(base: &SessionContext) -> SessionContext {
    let config = base
        .copied_config()
        .with_create_default_catalog_and_schema(true);
    let state = SessionStateBuilder::new_from_existing(base.state())
        .with_catalog_list(Arc::new(MemoryCatalogProviderList::new()))
        .with_config(config)
        .build();
    SessionContext::new_with_state(state)
}

/// Lets a user tune any DataFusion option for one run, as `datafusion-cli`
/// does: `datafusion.execution.batch_size` is read from
/// `DATAFUSION_EXECUTION_BATCH_SIZE`. The variables win over our defaults,
/// so a setting can be measured without rebuilding; an invalid value is
/// an error naming the option, never silently ignored.
fn apply_env_overrides(
    config: &mut SessionConfig,
    var: impl Fn(&str) -> Option<String>,
) -> Result<()> {
    let keys: Vec<String> = config
        .options()
        .entries()
        .into_iter()
        .map(|entry| entry.key)
        .collect();
    for key in keys {
        let name = key.replace('.', "_").to_uppercase();
        if let Some(value) = var(&name) {
            config.options_mut().set(&key, &value).map_err(|e| {
                datafusion::error::DataFusionError::Configuration(format!(
                    "the environment variable {name}={value:?} does not set `{key}`: {e}"
                ))
            })?;
        }
    }
    Ok(())
}

/// The schema tables are scanned with: text as `Utf8View`, which the
/// Parquet reader produces without copying and which groups, compares and
/// joins faster than `Utf8` (the stored files are unchanged).
fn scan_schema(stored: &SchemaRef) -> SchemaRef {
    let fields: Vec<Field> = stored
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8 => f.as_ref().clone().with_data_type(DataType::Utf8View),
            _ => f.as_ref().clone(),
        })
        .collect();
    Arc::new(Schema::new_with_metadata(fields, stored.metadata().clone()))
}

/// One entity's table: its loads' Parquet files, with the `client_id` and
/// `source` every row of a load shares added as constants (the files do
/// not store them, see [`rapport_schema::EntitySpec::stored_schema`]). The
/// files are grouped by source, one scan each, so a query that filters or
/// groups on `source` still reads only the files it needs; the scans are
/// put together with `UNION ALL`. An entity without loads is an empty
/// table of the same schema.
///
/// The files are read where `storage` says: from the workspace folder, or,
/// on a cluster whose workspace has `[settings.storage]`, from the bucket
/// every load also writes them to.
fn entity_table(
    ctx: &SessionContext,
    ws: &Workspace,
    client: &str,
    entity: Entity,
    storage: Option<&Storage>,
) -> Result<Arc<dyn TableProvider>> {
    let mut by_source: BTreeMap<String, Vec<ListingTableUrl>> = BTreeMap::new();
    for load in ws.loads(client, Some(entity))? {
        if let Some(file) = load.data_file {
            let url = match storage {
                Some(storage) => ListingTableUrl::parse(storage.url_of(&file))?,
                None => ListingTableUrl::parse(ws.root().join(file).to_string_lossy())?,
            };
            by_source.entry(load.source).or_default().push(url);
        }
    }
    let stored = scan_schema(&entity.spec().stored_schema());
    let mut table: Option<DataFrame> = None;
    for (source, urls) in by_source {
        let options =
            ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
        let config = ListingTableConfig::new_with_multi_paths(urls)
            .with_listing_options(options)
            .with_schema(Arc::clone(&stored));
        let mut columns: Vec<Expr> = stored
            .fields()
            .iter()
            .map(|f| Expr::Column(Column::from_name(f.name())))
            .collect();
        columns.push(lit(ScalarValue::Utf8View(Some(client.to_owned()))).alias(CLIENT_ID_COLUMN));
        columns.push(lit(ScalarValue::Utf8View(Some(source))).alias(SOURCE_COLUMN));
        let scan = ctx
            .read_table(Arc::new(ListingTable::try_new(config)?))?
            .select(columns)?;
        table = Some(match table {
            None => scan,
            Some(all) => all.union(scan)?,
        });
    }
    Ok(match table {
        Some(t) => t.into_view(),
        None => Arc::new(EmptyTable::new(scan_schema(&entity.spec().arrow_schema()))),
    })
}

impl ClientSession {
    /// Opens a session with every entity of `client` registered.
    pub async fn open(ws: &Workspace, client: &str) -> Result<ClientSession> {
        ws.client(client)?;
        let ctx = new_context(&Engine::parse(&ws.settings().engine)?).await?;
        let storage = storage_read_by(ws)?;
        if let Some(storage) = storage {
            let bucket = ObjectStoreUrl::parse(storage.bucket_url())?;
            ctx.register_object_store(bucket.as_ref(), storage.object_store()?);
        }
        for entity in Entity::ALL {
            let table = entity_table(&ctx, ws, client, entity, storage)?;
            ctx.register_table(entity.name(), table)?;
        }
        if !ws.data_files(client, Entity::ExchangeRates)?.is_empty() {
            rates::register_converted(&ctx, &ws.settings().currency).await?;
        }
        Ok(ClientSession {
            ctx,
            client: client.to_owned(),
        })
    }

    /// The client this session holds.
    pub fn client(&self) -> &str {
        &self.client
    }

    /// The DataFusion context, for metric plans.
    pub fn context(&self) -> &SessionContext {
        &self.ctx
    }

    /// Runs user SQL that may only read: DDL, DML and statements such as
    /// `SET` are refused, and only this client's tables exist.
    pub async fn query_readonly(&self, sql: &str) -> Result<Vec<RecordBatch>> {
        let options = SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false);
        let df = self.ctx.sql_with_options(sql, options).await?;
        Ok(df.collect().await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_datafusion_variable_overrides_our_default_and_a_bad_one_is_an_error() {
        let mut config = SessionConfig::new().with_target_partitions(7);
        let vars = |name: &str| match name {
            "DATAFUSION_EXECUTION_TARGET_PARTITIONS" => Some("3".to_owned()),
            "DATAFUSION_EXECUTION_PARQUET_PUSHDOWN_FILTERS" => Some("true".to_owned()),
            _ => None,
        };
        apply_env_overrides(&mut config, vars).expect("valid values apply");
        assert_eq!(config.options().execution.target_partitions, 3);
        assert!(config.options().execution.parquet.pushdown_filters);

        let bad =
            |name: &str| (name == "DATAFUSION_EXECUTION_BATCH_SIZE").then(|| "many".to_owned());
        let err = apply_env_overrides(&mut config, bad).expect_err("not a number");
        let text = err.to_string();
        assert!(
            text.contains("DATAFUSION_EXECUTION_BATCH_SIZE=\"many\""),
            "{text}"
        );
        assert!(text.contains("datafusion.execution.batch_size"), "{text}");
    }
}
