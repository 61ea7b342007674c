//! The command line: `serve`, `check`, `render`, `rules`. It calls the same core functions as the
//! server.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};
use nianbao_core::engine::{self, Outcome};
use nianbao_core::input::Limits;

use crate::pb;
use crate::telemetry::LogFormat;

/// nianbao: checks 政府信息公开工作年度报告 against the national templates.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands (parsed once per process: the size of `serve`'s arguments does not matter).
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Run the gRPC server.
    Serve(ServeArgs),
    /// Check reports; exit 0 = no error-level finding, 1 = errors found, 2 = unreadable input.
    Check(CheckArgs),
    /// Render a report in a canonical format.
    Render(RenderArgs),
    /// Key figures of many reports, and their roll-up (every cell summed).
    Summarize(SummarizeArgs),
    /// List the rule catalogue.
    Rules(RulesArgs),
}

/// `nianbao serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the bound address is printed on stdout).
    #[arg(long, env = "NIANBAO_ADDR", default_value = "127.0.0.1:50051")]
    pub addr: String,
    /// Log format.
    #[arg(long, env = "NIANBAO_LOG_FORMAT", value_enum, default_value = "json")]
    pub log_format: LogFormat,
    /// Log filter (env-filter syntax, e.g. "info,h2=warn").
    #[arg(
        long,
        env = "NIANBAO_LOG",
        default_value = "info,h2=warn,hyper=warn,tower=warn"
    )]
    pub log: String,
    /// Largest request message (and report) in bytes.
    #[arg(long, env = "NIANBAO_MAX_MESSAGE_BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_message_bytes: usize,
    /// On SIGTERM, how long health reports NOT_SERVING before the server stops accepting (ms).
    #[arg(long, env = "NIANBAO_DRAIN_DELAY_MS", default_value_t = 0)]
    pub drain_delay_ms: u64,
    /// How long in-flight calls may take to finish after the server stops accepting (ms).
    #[arg(long, env = "NIANBAO_SHUTDOWN_GRACE_MS", default_value_t = 10_000)]
    pub shutdown_grace_ms: u64,
    /// Serve gRPC reflection (v1 and v1alpha).
    #[arg(long, env = "NIANBAO_REFLECTION", default_value_t = true, action = ArgAction::Set)]
    pub reflection: bool,
    /// Deepest HTML element nesting accepted in a report (deeper pages get INVALID_ARGUMENT).
    #[arg(long, env = "NIANBAO_MAX_HTML_DEPTH", default_value_t = 1024)]
    pub max_html_depth: usize,
    /// DOCX: most zip entries accepted (more: OUT_OF_RANGE, reason DOCX_TOO_LARGE).
    #[arg(long, env = "NIANBAO_MAX_DOCX_ENTRIES", default_value_t = nianbao_core::input::Limits::DEFAULT.max_docx_entries,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_docx_entries: usize,
    /// DOCX: largest uncompressed size of all zip entries together, and of document.xml as
    /// inflated, in bytes (zip bombs: OUT_OF_RANGE, reason DOCX_TOO_LARGE).
    #[arg(long, env = "NIANBAO_MAX_DOCX_UNCOMPRESSED_BYTES", default_value_t = nianbao_core::input::Limits::DEFAULT.max_docx_uncompressed_bytes,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_docx_uncompressed_bytes: u64,
    /// DOCX: largest compression ratio of document.xml, uncompressed to compressed (zip bombs:
    /// OUT_OF_RANGE, reason DOCX_TOO_LARGE).
    #[arg(long, env = "NIANBAO_MAX_DOCX_RATIO", default_value_t = nianbao_core::input::Limits::DEFAULT.max_docx_ratio,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_docx_ratio: u64,
    /// PDF: most pages (more: OUT_OF_RANGE, reason PDF_TOO_LARGE).
    #[arg(long, env = "NIANBAO_MAX_PDF_PAGES", default_value_t = nianbao_core::input::Limits::DEFAULT.max_pdf_pages,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_pdf_pages: usize,
    /// PDF: most objects in the file.
    #[arg(long, env = "NIANBAO_MAX_PDF_OBJECTS", default_value_t = nianbao_core::input::Limits::DEFAULT.max_pdf_objects,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_pdf_objects: usize,
    /// PDF: largest size the streams read may inflate to, together, in bytes (Flate bombs).
    #[arg(long, env = "NIANBAO_MAX_PDF_INFLATED_BYTES", default_value_t = nianbao_core::input::Limits::DEFAULT.max_pdf_inflated_bytes,
          value_parser = clap::value_parser!(u64).range(1024..))]
    pub max_pdf_inflated_bytes: u64,
    /// PDF: largest compression ratio of a stream inflating past 1 MiB.
    #[arg(long, env = "NIANBAO_MAX_PDF_RATIO", default_value_t = nianbao_core::input::Limits::DEFAULT.max_pdf_ratio,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_pdf_ratio: u64,
    /// PDF: deepest nesting of form XObjects.
    #[arg(long, env = "NIANBAO_MAX_PDF_DEPTH", default_value_t = nianbao_core::input::Limits::DEFAULT.max_pdf_depth,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=256))]
    pub max_pdf_depth: usize,
    /// Largest metadata (HTTP/2 header list) a call may carry, in bytes; larger calls are refused.
    #[arg(long, env = "NIANBAO_MAX_METADATA_BYTES", default_value_t = crate::server::H2_MAX_HEADER_LIST,
          value_parser = clap::value_parser!(u32).range(1024..))]
    pub max_metadata_bytes: u32,
    /// Origins whose web pages may call the API from a browser (CORS), comma-separated, each
    /// `scheme://host[:port]` exactly; unset: CORS off (same-origin pages, curl and servers only).
    #[arg(long, env = "NIANBAO_CORS_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub cors_allowed_origins: Vec<String>,
    /// Serve the clerks' web page at `/` on the API port (check, batch, compare, fill in).
    #[arg(long, env = "NIANBAO_WEB_UI", default_value_t = true, action = ArgAction::Set)]
    pub web_ui: bool,
    /// Serve the web page's files from this directory instead of the copy built into the binary
    /// (for developing the page: edit and reload without rebuilding).
    #[arg(long, env = "NIANBAO_WEB_DIR", value_name = "DIR")]
    pub web_dir: Option<PathBuf>,
    /// A second, plaintext listener serving only grpc.health.v1 (for Kubernetes probes).
    #[arg(long, env = "NIANBAO_HEALTH_ADDR")]
    pub health_addr: Option<String>,
    /// Prometheus metrics on their own port (`/metrics`), e.g. 0.0.0.0:9090.
    #[arg(long, env = "NIANBAO_METRICS_ADDR")]
    pub metrics_addr: Option<String>,
    /// Calls evaluated at once, process-wide; more are refused with RESOURCE_EXHAUSTED.
    #[arg(long, env = "NIANBAO_MAX_CONCURRENT", default_value_t = 64)]
    pub max_concurrent: usize,
    /// The longest a call may take, in ms (DEADLINE_EXCEEDED); a shorter grpc-timeout wins.
    #[arg(long, env = "NIANBAO_REQUEST_TIMEOUT_MS", default_value_t = 30_000)]
    pub request_timeout_ms: u64,
    /// Close connections after this many seconds (GOAWAY) so load balancers rebalance; 0: never.
    #[arg(long, env = "NIANBAO_MAX_CONNECTION_AGE_S", default_value_t = 0)]
    pub max_connection_age_s: u64,
    /// A file of API keys (`id:key` per line); when set, the report service requires one.
    #[arg(long, env = "NIANBAO_API_KEYS_FILE")]
    pub api_keys_file: Option<PathBuf>,
    /// API keys given directly (`id:key,id:key`); prefer the file, which stays out of `ps`.
    #[arg(long, env = "NIANBAO_API_KEYS", hide_env_values = true)]
    pub api_keys: Option<String>,
    /// TLS certificate (PEM) for the API port; with --tls-key, the API speaks TLS only.
    #[arg(long, env = "NIANBAO_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    #[arg(long, env = "NIANBAO_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// CA (PEM) whose client certificates are required (mutual TLS); the caller's certificate
    /// subject goes into the submission event.
    #[arg(long, env = "NIANBAO_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Human-readable findings with the source line.
    Text,
    /// The ValidateResponse in proto3 JSON (one object per file).
    Json,
}

/// `nianbao check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Report files (text; HTML and DOCX arrive with the parser work).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Largest file accepted, in bytes.
    #[arg(long, env = "NIANBAO_MAX_MESSAGE_BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_bytes: usize,
    /// Last year's report of the same body, for the cross-year rules (XYR*).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Rule profile: strict (evaluators: warnings are errors) or lenient (drafts).
    #[arg(long, value_enum, default_value = "default")]
    pub profile: ProfileArg,
    /// Keep only these rule codes or prefixes (comma-separated, e.g. ARI,VAL004).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Drop these rule codes or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Severity overrides, CODE=error|warning|info (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODE=LEVEL")]
    pub severity: Vec<String>,
}

/// Rule profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Default,
    Strict,
    Lenient,
}

/// Render formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderTo {
    Csv,
    Json,
    Text,
    Markdown,
    Html,
    Docx,
    /// The HTML page with the cells that have findings highlighted and the findings listed.
    FindingsHtml,
    /// The Markdown report followed by its findings.
    FindingsMarkdown,
    /// Two years side by side (needs --previous): key figures, the year-to-year links, the
    /// cross-year findings, the tables with both years' values.
    ComparisonHtml,
    /// Two years side by side, one CSV line per cell (needs --previous).
    ComparisonCsv,
}

/// `nianbao render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub to: RenderTo,
    /// The report file.
    pub file: PathBuf,
    /// Write to this file instead of standard output (DOCX is binary).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Last year's report of the same body: required by the comparison formats; the findings
    /// formats then include the cross-year findings.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Largest file accepted, in bytes.
    #[arg(long, env = "NIANBAO_MAX_MESSAGE_BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_bytes: usize,
}

/// `nianbao summarize`.
#[derive(Debug, clap::Args)]
pub struct SummarizeArgs {
    /// Report files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format: text, or the SummarizeResponse in proto3 JSON.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Leave out reports with error-level findings.
    #[arg(long)]
    pub exclude_failed: bool,
    /// The year to roll up (default: the most common year).
    #[arg(long)]
    pub year: Option<u32>,
    /// A group key per file, in order (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub groups: Vec<String>,
    /// Largest file accepted, in bytes.
    #[arg(long, env = "NIANBAO_MAX_MESSAGE_BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_bytes: usize,
}

/// Runs `summarize`.
pub fn summarize(args: &SummarizeArgs) -> ExitCode {
    let limits = Limits {
        max_bytes: args.max_bytes,
        ..Default::default()
    };
    let items = args
        .files
        .iter()
        .enumerate()
        .map(|(k, p)| nianbao_core::summary::Item {
            outcome: read_file(p, limits).map(|(o, _)| o),
            group: args.groups.get(k).filter(|g| !g.is_empty()).cloned(),
        })
        .collect();
    let sum = nianbao_core::summary::summarize(
        items,
        &nianbao_core::summary::Options {
            exclude_failed: args.exclude_failed,
            year: args.year,
        },
    );
    match args.format {
        CheckFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&crate::convert::summary_to_pb(&sum))
                .expect("proto JSON serializes")
        ),
        CheckFormat::Text => {
            let show = |f: &nianbao_core::indicators::Figure| {
                format!(
                    "{}{}",
                    f.value
                        .map(|v| nianbao_core::model::display_decimal(&v))
                        .unwrap_or_else(|| "—".into()),
                    if f.complete { "" } else { "*" }
                )
            };
            for e in &sum.entries {
                let name = args.files[e.index].display();
                let md = &e.metadata;
                let verdict = e.verdict.map(|v| v.as_str()).unwrap_or("unreadable");
                println!(
                    "{name}: {} {} — {verdict} ({} errors, {} warnings){}",
                    md.issuing_body.as_deref().unwrap_or("?"),
                    md.report_year
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "?".into()),
                    e.counts.errors,
                    e.counts.warnings,
                    e.excluded
                        .as_ref()
                        .map(|x| format!(" — EXCLUDED: {x}"))
                        .unwrap_or_default()
                );
                let figs: Vec<String> = e
                    .figures
                    .iter()
                    .take(8)
                    .map(|f| format!("{} {}", f.label_zh, show(f)))
                    .collect();
                if !figs.is_empty() {
                    println!("    {}", figs.join("，"));
                }
            }
            println!(
                "\n汇总 / roll-up ({} of {} reports, year {}):",
                sum.included,
                sum.entries.len(),
                sum.year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into())
            );
            for f in &sum.total {
                println!("    {:<16} {:>10}   {}", f.label_zh, show(f), f.label_en);
            }
            for g in &sum.groups {
                println!("\n分组 / group {} ({} reports):", g.key, g.included);
                for f in g.total.iter().take(8) {
                    println!("    {:<16} {:>10}", f.label_zh, show(f));
                }
            }
            println!(
                "\n(* = a needed cell was blank, a placeholder or missing in at least one report)"
            );
        }
    }
    if sum.entries.iter().any(|e| e.verdict.is_none()) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Rule list formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

/// `nianbao rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: RulesFormat,
}

/// Reads a file's bytes within the limit.
fn read_limited(path: &Path, limits: Limits) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limits.max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() > limits.max_bytes {
        return Err(format!(
            "{}: larger than the limit of {} bytes",
            path.display(),
            limits.max_bytes
        ));
    }
    Ok(bytes)
}

/// The rule options of `check`.
fn options(args: &CheckArgs) -> Result<nianbao_core::rules::Options, String> {
    use nianbao_core::finding::Severity;
    use nianbao_core::rules::{Options, Profile};
    let mut severity = Vec::new();
    for s in &args.severity {
        let (code, level) = s
            .split_once('=')
            .ok_or_else(|| format!("--severity {s:?}: use CODE=error|warning|info"))?;
        let level = match level.to_ascii_lowercase().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => {
                return Err(format!(
                    "--severity {s:?}: level must be error, warning or info"
                ));
            }
        };
        severity.push((code.to_string(), level));
    }
    let o = Options {
        profile: match args.profile {
            ProfileArg::Default => Profile::Default,
            ProfileArg::Strict => Profile::Strict,
            ProfileArg::Lenient => Profile::Lenient,
        },
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        severity,
    };
    let unknown = o.unknown_codes();
    if !unknown.is_empty() {
        return Err(format!(
            "unknown rule codes or prefixes: {} (see `nianbao rules`)",
            unknown.join(", ")
        ));
    }
    Ok(o)
}

/// Why a file could not be checked.
fn read_file(path: &Path, limits: Limits) -> Result<(Outcome, Option<Source>), String> {
    read_file_with(path, limits, None, &Default::default())
}

/// Reads and checks a file with last year's report and rule options.
fn read_file_with(
    path: &Path,
    limits: Limits,
    previous: Option<&nianbao_core::model::Report>,
    options: &nianbao_core::rules::Options,
) -> Result<(Outcome, Option<Source>), String> {
    let bytes = read_limited(path, limits)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (kind, m) = engine::parse_bytes(&bytes, &name, "", limits)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let m = engine::with_previous(m, previous);
    let outcome = engine::validate_report_with(m.report, kind, m.findings, previous, options);
    let source = if kind == nianbao_core::input::InputKind::Pdf {
        // The PDF's lines (read again: only the text output quotes them).
        nianbao_core::input::pdf::read(&bytes, limits)
            .ok()
            .map(Source::Paged)
    } else {
        nianbao_core::input::decode_text(&bytes)
            .ok()
            .map(Source::Text)
    };
    Ok((outcome, source))
}

/// Reads last year's report (`--previous`); on failure says why and gives the exit code.
fn read_previous(
    path: Option<&Path>,
    limits: Limits,
) -> Result<Option<nianbao_core::model::Report>, ExitCode> {
    let Some(p) = path else { return Ok(None) };
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match read_limited(p, limits).and_then(|b| {
        engine::parse_bytes(&b, &name, "", limits).map_err(|e| format!("{}: {e}", p.display()))
    }) {
        Ok((_, m)) => Ok(Some(m.report)),
        Err(e) => {
            eprintln!("nianbao: cannot read the previous report {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// What the text output quotes under a finding.
pub enum Source {
    Text(String),
    Paged(nianbao_core::input::Document),
}

/// Runs `check`.
pub fn check(args: &CheckArgs) -> ExitCode {
    let limits = Limits {
        max_bytes: args.max_bytes,
        ..Default::default()
    };
    let opts = match options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let previous = match read_previous(args.previous.as_deref(), limits) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut code = 0u8;
    for path in &args.files {
        match read_file_with(path, limits, previous.as_ref(), &opts) {
            Ok((o, source)) => {
                match args.format {
                    CheckFormat::Text => {
                        let name = path.display().to_string();
                        let shown = match &source {
                            Some(Source::Paged(doc)) => {
                                nianbao_core::render::text::render_paged(&name, &o, doc)
                            }
                            Some(Source::Text(t)) => {
                                nianbao_core::render::text::render(&name, &o, Some(t))
                            }
                            None => nianbao_core::render::text::render(&name, &o, None),
                        };
                        print!("{shown}");
                        println!();
                    }
                    CheckFormat::Json => {
                        let resp = crate::convert::outcome_to_pb(
                            &o,
                            "",
                            None,
                            crate::pb::ResponseView::Full,
                        );
                        let json = if args.files.len() == 1 {
                            serde_json::to_string_pretty(&resp)
                        } else {
                            serde_json::to_string(&resp)
                        };
                        println!("{}", json.expect("proto JSON serializes"));
                    }
                }
                if o.counts.errors > 0 {
                    code = code.max(1);
                }
            }
            Err(e) => {
                eprintln!("nianbao: cannot read {e}");
                code = 2;
            }
        }
    }
    ExitCode::from(code)
}

/// Runs `render`.
pub fn render(args: &RenderArgs) -> ExitCode {
    use nianbao_core::render::{Format, Rendered};
    let limits = Limits {
        max_bytes: args.max_bytes,
        ..Default::default()
    };
    let previous = match read_previous(args.previous.as_deref(), limits) {
        Ok(p) => p,
        Err(code) => return code,
    };
    match read_file_with(&args.file, limits, previous.as_ref(), &Default::default()) {
        Ok((o, _)) => {
            let format = match args.to {
                RenderTo::Csv => Format::Csv,
                RenderTo::Json => Format::Json,
                RenderTo::Text => Format::Text,
                RenderTo::Markdown => Format::Markdown,
                RenderTo::Html => Format::Html,
                RenderTo::Docx => Format::Docx,
                RenderTo::FindingsHtml => Format::FindingsHtml,
                RenderTo::FindingsMarkdown => Format::FindingsMarkdown,
                RenderTo::ComparisonHtml => Format::ComparisonHtml,
                RenderTo::ComparisonCsv => Format::ComparisonCsv,
            };
            let rendered = match format.render(&o, previous.as_ref(), crate::convert::report_json) {
                Ok(r) => r,
                Err(_) => {
                    let name = args
                        .to
                        .to_possible_value()
                        .map(|v| v.get_name().to_string());
                    eprintln!(
                        "nianbao: --to {} compares two years: give last year's report with --previous FILE",
                        name.unwrap_or_default()
                    );
                    return ExitCode::from(2);
                }
            };
            let bytes = match rendered {
                Rendered::Text(mut t) => {
                    if !t.ends_with('\n') {
                        t.push('\n');
                    }
                    t.into_bytes()
                }
                Rendered::Data(d) => d,
            };
            let written = match &args.output {
                Some(path) => {
                    std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))
                }
                None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)
                    .map_err(|e| e.to_string()),
            };
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("nianbao: cannot write {e}");
                    ExitCode::from(2)
                }
            }
        }
        Err(e) => {
            eprintln!("nianbao: cannot read {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs `rules`.
pub fn rules(args: &RulesArgs) -> ExitCode {
    let list = crate::convert::rules_to_pb();
    match args.format {
        RulesFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("proto JSON serializes")
        ),
        RulesFormat::Text => {
            for r in &list.rules {
                let sev = pb::Severity::try_from(r.default_severity)
                    .map(|s| s.as_str_name())
                    .unwrap_or("?");
                println!(
                    "{}  {:<16} {:<11} {}  {}",
                    r.code,
                    sev.trim_start_matches("SEVERITY_").to_lowercase(),
                    r.kind,
                    r.title_zh,
                    r.title_en
                );
            }
        }
        RulesFormat::Markdown => print!("{}", rules_markdown(&list)),
    }
    ExitCode::SUCCESS
}

/// The rule catalogue as Markdown (`docs/rules.md`).
pub fn rules_markdown(list: &pb::ListRulesResponse) -> String {
    let mut s = String::from("# nianbao rule catalogue\n\n");
    s.push_str(&format!("Generated by `nianbao rules --format markdown` ({}). Codes are stable and never reused: STR = structure, VAL = cell values, ARI = arithmetic, PRS = parsing.\n\n", list.ruleset_version));
    s.push_str("| code | severity | kind | title | spec |\n|---|---|---|---|---|\n");
    for r in &list.rules {
        let sev = pb::Severity::try_from(r.default_severity)
            .map(|s| s.as_str_name())
            .unwrap_or("?");
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} / {} | {} |\n",
            r.code,
            r.code.to_lowercase(),
            sev.trim_start_matches("SEVERITY_").to_lowercase(),
            r.kind,
            r.title_zh,
            r.title_en,
            r.spec_rules.join(", ")
        ));
    }
    for r in &list.rules {
        s.push_str(&format!(
            "\n## {}\n\n**{}** / {}\n\n{}\n",
            r.code,
            r.title_zh,
            r.title_en,
            r.description.trim_end()
        ));
    }
    s
}

/// Runs `serve` (blocks until SIGTERM/SIGINT and the drain are done).
pub fn serve(args: &ServeArgs) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Evaluation runs on blocking threads: as many as the concurrency limit allows, at most a
        // few per core (memory stays bounded under load; excess calls wait or are shed).
        .max_blocking_threads(
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .max(2)
                * 2,
        )
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nianbao: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    // The OTLP exporter's gRPC client lives on this runtime; the guard flushes spans at exit.
    let _telemetry = {
        let _entered = rt.enter();
        crate::telemetry::init(args.log_format, &args.log)
    };
    let mut keys = String::new();
    if let Some(path) = &args.api_keys_file {
        match std::fs::read_to_string(path) {
            Ok(k) => keys.push_str(&k),
            Err(e) => {
                eprintln!(
                    "nianbao: cannot read the API keys file {}: {e}",
                    path.display()
                );
                return ExitCode::from(2);
            }
        }
    }
    if let Some(k) = &args.api_keys {
        keys.push('\n');
        keys.push_str(k);
    }
    let api_keys = crate::auth::ApiKeys::parse(&keys);
    let read = |p: &PathBuf| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(c), Some(k)) => {
            let files = read(c).and_then(|cert| {
                Ok((
                    cert,
                    read(k)?,
                    args.tls_client_ca.as_ref().map(&read).transpose()?,
                ))
            });
            match files {
                Ok((cert, key, client_ca)) => Some(crate::server::Tls {
                    cert,
                    key,
                    client_ca,
                }),
                Err(e) => {
                    eprintln!("nianbao: cannot read TLS material {e}");
                    return ExitCode::from(2);
                }
            }
        }
        _ => None,
    };
    let cors_allowed_origins: Vec<String> = args
        .cors_allowed_origins
        .iter()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect();
    if let Err(e) = crate::server::cors_layer(&cors_allowed_origins) {
        eprintln!("nianbao: --cors-allowed-origins: {e}");
        return ExitCode::from(2);
    }
    let web = match (&args.web_ui, &args.web_dir) {
        (false, _) => crate::web::Page::Off,
        (true, Some(dir)) if dir.join("index.html").is_file() => {
            crate::web::Page::Dir(std::sync::Arc::new(dir.clone()))
        }
        (true, Some(dir)) => {
            eprintln!("nianbao: --web-dir {}: no index.html there", dir.display());
            return ExitCode::from(2);
        }
        (true, None) => crate::web::Page::Embedded,
    };
    let config = crate::server::Config {
        web,
        cors_allowed_origins,
        max_html_depth: args.max_html_depth,
        max_docx_entries: args.max_docx_entries,
        max_docx_uncompressed_bytes: args.max_docx_uncompressed_bytes,
        max_docx_ratio: args.max_docx_ratio,
        max_pdf_pages: args.max_pdf_pages,
        max_pdf_objects: args.max_pdf_objects,
        max_pdf_inflated_bytes: args.max_pdf_inflated_bytes,
        max_pdf_ratio: args.max_pdf_ratio,
        max_pdf_depth: args.max_pdf_depth,
        max_metadata_bytes: args.max_metadata_bytes,
        tls,
        max_concurrent: args.max_concurrent,
        request_timeout: Duration::from_millis(args.request_timeout_ms),
        max_connection_age: (args.max_connection_age_s > 0)
            .then(|| Duration::from_secs(args.max_connection_age_s)),
        api_keys,
        max_message_bytes: args.max_message_bytes,
        drain_delay: Duration::from_millis(args.drain_delay_ms),
        shutdown_grace: Duration::from_millis(args.shutdown_grace_ms),
        reflection: args.reflection,
    };
    let result = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.addr))?;
        let addr = listener.local_addr()?;
        let health = match &args.health_addr {
            Some(h) => Some(tokio::net::TcpListener::bind(h).await.map_err(|e| anyhow::anyhow!("cannot listen on {h}: {e}"))?),
            None => None,
        };
        let health_addr = health.as_ref().and_then(|h| h.local_addr().ok()).map(|a| a.to_string());
        let mut metrics_addr = None;
        if let Some(m) = &args.metrics_addr {
            // Bind first to learn the port (0 picks one), then hand the address to the exporter.
            let probe = std::net::TcpListener::bind(m).map_err(|e| anyhow::anyhow!("cannot listen on {m}: {e}"))?;
            let a = probe.local_addr()?;
            drop(probe);
            crate::telemetry_metrics::install(a)?;
            metrics_addr = Some(a.to_string());
        }
        // One line on stdout with the bound addresses, for scripts and tests.
        println!("{}", serde_json::json!({ "listening": addr.to_string(), "health": health_addr, "metrics": metrics_addr }));
        crate::server::serve_with_health(listener, health, config, crate::server::shutdown_signal()).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server failed");
            eprintln!("nianbao: {e}");
            ExitCode::from(2)
        }
    }
}
