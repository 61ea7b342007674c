//! The Kubernetes manifests in deploy/kubernetes agree with the image and the server: the ports,
//! the user, the probes, the security context, the settings and the shutdown timing. The image's
//! runtime contract is read from the Dockerfile (its `runtime-base` stage), the server's defaults
//! from its own command line (`nianbao serve`'s clap definition). deploy/container-test.sh proves
//! the same contract on the running image.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::CommandFactory;
use serde_yaml_ng::Value;

fn repo_file(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn manifest(name: &str) -> Value {
    let text = repo_file(&format!("deploy/kubernetes/{name}"));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `v` at a path of mapping keys, or Null.
fn at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    static NULL: Value = Value::Null;
    path.iter().try_fold(v, |v, k| v.get(*k)).unwrap_or(&NULL)
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    at(v, path)
        .as_str()
        .unwrap_or_else(|| panic!("{} is not a string in {v:?}", path.join(".")))
}

fn u64_at(v: &Value, path: &[&str]) -> u64 {
    at(v, path)
        .as_u64()
        .unwrap_or_else(|| panic!("{} is not a number in {v:?}", path.join(".")))
}

fn seq_at<'a>(v: &'a Value, path: &[&str]) -> &'a [Value] {
    at(v, path)
        .as_sequence()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("{} is not a list in {v:?}", path.join(".")))
}

fn labels(v: &Value) -> BTreeMap<String, String> {
    v.as_mapping()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    (
                        k.as_str().unwrap().to_string(),
                        v.as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One stage of the Dockerfile: its name, its base and its instructions (keyword upper-cased, the
/// rest as written, continuation lines joined).
#[derive(Debug)]
struct Stage {
    name: String,
    from: String,
    instructions: Vec<(String, String)>,
}

impl Stage {
    fn all(&self, keyword: &str) -> Vec<&str> {
        self.instructions
            .iter()
            .filter(|(k, _)| k == keyword)
            .map(|(_, rest)| rest.as_str())
            .collect()
    }

    fn one(&self, keyword: &str) -> &str {
        match self.all(keyword).as_slice() {
            [one] => one,
            other => panic!(
                "stage {}: expected one {keyword}, found {other:?}",
                self.name
            ),
        }
    }
}

struct Dockerfile {
    /// `ARG` lines before the first `FROM`: name → default.
    global_args: BTreeMap<String, String>,
    stages: Vec<Stage>,
}

impl Dockerfile {
    fn read() -> Dockerfile {
        let text = repo_file("Dockerfile");
        let mut lines = Vec::new();
        let mut current = String::new();
        for line in text.lines() {
            let t = line.trim();
            if current.is_empty() && (t.is_empty() || t.starts_with('#')) {
                continue;
            }
            if let Some(head) = t.strip_suffix('\\') {
                current.push_str(head);
                current.push(' ');
            } else {
                current.push_str(t);
                lines.push(std::mem::take(&mut current));
            }
        }
        let mut global_args = BTreeMap::new();
        let mut stages: Vec<Stage> = Vec::new();
        for line in lines {
            let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((&line, ""));
            let (keyword, rest) = (keyword.to_ascii_uppercase(), rest.trim().to_string());
            if keyword == "FROM" {
                let words: Vec<&str> = rest.split_whitespace().collect();
                let name = match words.as_slice() {
                    [_, as_, name] if as_.eq_ignore_ascii_case("as") => name.to_string(),
                    _ => panic!("every stage is named: FROM {rest}"),
                };
                stages.push(Stage {
                    name,
                    from: words[0].to_string(),
                    instructions: Vec::new(),
                });
            } else if let Some(stage) = stages.last_mut() {
                stage.instructions.push((keyword, rest));
            } else if keyword == "ARG" {
                let (k, v) = rest.split_once('=').unwrap_or((&rest, ""));
                global_args.insert(k.to_string(), v.to_string());
            }
        }
        Dockerfile {
            global_args,
            stages,
        }
    }

    fn stage(&self, name: &str) -> &Stage {
        self.stages
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no stage {name} in the Dockerfile"))
    }
}

/// The image's runtime contract, from the `runtime-base` stage.
struct Contract {
    uid: u64,
    gid: u64,
    exposed: BTreeSet<u16>,
    env: BTreeMap<String, String>,
    entrypoint: Vec<String>,
    cmd: Vec<String>,
}

impl Contract {
    fn read() -> Contract {
        let d = Dockerfile::read();
        let base = d.stage("runtime-base");
        let (uid, gid) = base.one("USER").split_once(':').expect("USER uid:gid");
        let mut env = BTreeMap::new();
        for e in base.all("ENV") {
            for word in e.split_whitespace() {
                let (k, v) = word.split_once('=').expect("ENV KEY=VALUE");
                env.insert(k.to_string(), v.trim_matches('"').to_string());
            }
        }
        let exec_form = |keyword: &str| -> Vec<String> {
            serde_json::from_str(base.one(keyword))
                .unwrap_or_else(|e| panic!("{keyword} in exec (JSON) form: {e}"))
        };
        Contract {
            uid: uid.parse().expect("numeric uid"),
            gid: gid.parse().expect("numeric gid"),
            exposed: base
                .all("EXPOSE")
                .iter()
                .flat_map(|e| e.split_whitespace())
                .map(|p| p.trim_end_matches("/tcp").parse().expect("EXPOSE port"))
                .collect(),
            env,
            entrypoint: exec_form("ENTRYPOINT"),
            cmd: exec_form("CMD"),
        }
    }

    /// The port of one of the image's listen addresses (`NIANBAO_ADDR` and so on).
    fn port(&self, var: &str) -> u16 {
        let addr = self
            .env
            .get(var)
            .unwrap_or_else(|| panic!("the image sets {var}"));
        let sa: std::net::SocketAddr = addr.parse().expect("a socket address");
        assert!(
            sa.ip().is_unspecified(),
            "{var}={addr}: inside a container the server must listen on every interface"
        );
        sa.port()
    }
}

/// `nianbao serve`'s arguments: (environment variable, default value).
fn serve_settings() -> BTreeMap<String, Option<String>> {
    let cli = nianbao::cli::Cli::command();
    let serve = cli.find_subcommand("serve").expect("serve subcommand");
    serve
        .get_arguments()
        .filter_map(|a| {
            let env = a.get_env()?.to_str()?.to_string();
            let default = a
                .get_default_values()
                .first()
                .and_then(|v| v.to_str())
                .map(str::to_string);
            Some((env, default))
        })
        .collect()
}

/// A setting as deployed: the ConfigMap's value, else the server's default.
fn deployed_ms(configmap: &Value, var: &str) -> u64 {
    let value = match at(configmap, &["data", var]).as_str() {
        Some(v) => v.to_string(),
        None => serve_settings()
            .get(var)
            .cloned()
            .flatten()
            .unwrap_or_else(|| panic!("{var}: neither in the ConfigMap nor a default")),
    };
    value
        .parse()
        .unwrap_or_else(|e| panic!("{var}={value}: {e}"))
}

fn container(deployment: &Value) -> &Value {
    let containers = seq_at(deployment, &["spec", "template", "spec", "containers"]);
    assert_eq!(containers.len(), 1, "one container in the pod");
    &containers[0]
}

/// A Kubernetes quantity in milli-units (cpu) or bytes (memory).
fn quantity(q: &Value) -> u128 {
    let s = match q {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("quantity {other:?}"),
    };
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: f64 = n.parse().unwrap_or_else(|e| panic!("quantity {s}: {e}"));
    let scale: f64 = match unit {
        "m" => 1.0,
        "" => 1e3,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        _ => panic!("quantity {s}: unit {unit}"),
    };
    (n * scale) as u128
}

#[test]
fn the_runtime_contract_is_written_once() {
    let d = Dockerfile::read();
    let base = d.stage("runtime-base");
    assert_eq!(
        base.from, "${BASE_IMAGE}",
        "runtime-base stands on BASE_IMAGE"
    );
    assert_eq!(
        d.global_args.get("BASE_IMAGE").map(String::as_str),
        Some("gcr.io/distroless/cc-debian13:nonroot"),
        "the default base"
    );
    for keyword in ["RUN", "SHELL"] {
        assert!(
            base.all(keyword).is_empty(),
            "runtime-base needs no shell: no {keyword}"
        );
    }
    // The two final stages add the binary and nothing else; the default (last) one is `runtime`.
    for name in ["prebuilt", "runtime"] {
        let s = d.stage(name);
        assert_eq!(s.from, "runtime-base", "{name} is built on runtime-base");
        let [(keyword, rest)] = s.instructions.as_slice() else {
            panic!(
                "{name}: only the COPY of the binary, found {:?}",
                s.instructions
            )
        };
        assert_eq!(keyword, "COPY", "{name}");
        assert!(rest.ends_with(" /usr/local/bin/nianbao"), "{name}: {rest}");
    }
    assert!(
        d.stage("prebuilt")
            .one("COPY")
            .starts_with("target/release/nianbao "),
        "prebuilt copies the binary built outside"
    );
    assert_eq!(
        d.stages.last().unwrap().name,
        "runtime",
        "the default target"
    );

    let c = Contract::read();
    assert!(c.uid != 0 && c.gid != 0, "not root");
    assert_eq!((c.uid, c.gid), (65532, 65532), "distroless' nonroot");
    assert_eq!(
        c.entrypoint,
        ["/usr/local/bin/nianbao"],
        "the binary is PID 1, no shell in between, so SIGTERM reaches it"
    );
    assert_eq!(c.cmd, ["serve"]);
    let ports: BTreeSet<u16> = [
        "NIANBAO_ADDR",
        "NIANBAO_HEALTH_ADDR",
        "NIANBAO_METRICS_ADDR",
    ]
    .iter()
    .map(|v| c.port(v))
    .collect();
    assert_eq!(
        c.exposed, ports,
        "EXPOSE lists the ports the server listens on"
    );
    let known = serve_settings();
    for var in c.env.keys() {
        assert!(known.contains_key(var), "{var} is not a `serve` setting");
    }
}

#[test]
fn the_deployment_matches_the_image() {
    let c = Contract::read();
    let deployment = manifest("deployment.yaml");
    let configmap = manifest("configmap.yaml");
    let pod = at(&deployment, &["spec", "template", "spec"]);
    let ctr = container(&deployment);

    // Ports: the container's named ports are the image's.
    let mut ports = BTreeMap::new();
    for p in seq_at(ctr, &["ports"]) {
        assert_eq!(str_at(p, &["protocol"]), "TCP");
        ports.insert(
            str_at(p, &["name"]).to_string(),
            u16::try_from(u64_at(p, &["containerPort"])).unwrap(),
        );
    }
    let expected: BTreeMap<String, u16> = [
        ("grpc", "NIANBAO_ADDR"),
        ("health", "NIANBAO_HEALTH_ADDR"),
        ("metrics", "NIANBAO_METRICS_ADDR"),
    ]
    .iter()
    .map(|(name, var)| (name.to_string(), c.port(var)))
    .collect();
    assert_eq!(ports, expected, "container ports = the image's listeners");
    assert_eq!(
        ports.values().copied().collect::<BTreeSet<_>>(),
        c.exposed,
        "container ports = EXPOSE"
    );
    // The ConfigMap may restate the listen addresses, but not move them.
    for var in [
        "NIANBAO_ADDR",
        "NIANBAO_HEALTH_ADDR",
        "NIANBAO_METRICS_ADDR",
    ] {
        if let Some(addr) = at(&configmap, &["data", var]).as_str() {
            assert_eq!(
                Some(&addr.to_string()),
                c.env.get(var),
                "ConfigMap {var} = the image's"
            );
        }
    }

    // Probes: gRPC health on the health port; startup and readiness ask for `readiness`.
    let health = ports["health"];
    for probe in ["startupProbe", "readinessProbe", "livenessProbe"] {
        assert_eq!(
            u64_at(ctr, &[probe, "grpc", "port"]),
            u64::from(health),
            "{probe} on the health port"
        );
    }
    for probe in ["startupProbe", "readinessProbe"] {
        assert_eq!(
            str_at(ctr, &[probe, "grpc", "service"]),
            nianbao::server::READINESS,
            "{probe}"
        );
    }
    assert!(
        matches!(
            at(ctr, &["livenessProbe", "grpc", "service"]).as_str(),
            None | Some("")
        ),
        "liveness asks for the server as a whole"
    );

    // The process: the image's entrypoint, its command, a user that is the image's.
    assert!(
        at(ctr, &["command"]).is_null(),
        "no `command`: the image's ENTRYPOINT stays PID 1"
    );
    let args: Vec<&str> = seq_at(ctr, &["args"])
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(args, c.cmd, "args = the image's CMD");
    let security = at(pod, &["securityContext"]);
    assert_eq!(u64_at(security, &["runAsUser"]), c.uid, "runAsUser = USER");
    assert_eq!(
        u64_at(security, &["runAsGroup"]),
        c.gid,
        "runAsGroup = USER"
    );
    assert_eq!(at(security, &["runAsNonRoot"]).as_bool(), Some(true));
    let security = at(ctr, &["securityContext"]);
    assert_eq!(
        at(security, &["readOnlyRootFilesystem"]).as_bool(),
        Some(true),
        "the container test runs the image --read-only"
    );
    assert_eq!(
        at(security, &["allowPrivilegeEscalation"]).as_bool(),
        Some(false)
    );
    let dropped: Vec<&str> = seq_at(security, &["capabilities", "drop"])
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(dropped, ["ALL"]);

    // Resources: both set, requests within limits.
    for r in ["cpu", "memory"] {
        let request = quantity(at(ctr, &["resources", "requests", r]));
        let limit = quantity(at(ctr, &["resources", "limits", r]));
        assert!(request > 0 && request <= limit, "{r}: {request} ≤ {limit}");
    }

    // Every setting given is one `serve` reads (an unknown name would be silently ignored).
    let known = serve_settings();
    let configmap_names = at(&configmap, &["data"])
        .as_mapping()
        .expect("ConfigMap data")
        .keys()
        .map(|k| k.as_str().unwrap().to_string());
    let env_names = seq_at(ctr, &["env"])
        .iter()
        .map(|e| str_at(e, &["name"]).to_string());
    for name in configmap_names.chain(env_names) {
        if name.starts_with("NIANBAO_") {
            assert!(known.contains_key(&name), "{name} is not a `serve` setting");
        }
    }
    assert_eq!(
        str_at(&seq_at(ctr, &["envFrom"])[0], &["configMapRef", "name"]),
        str_at(&configmap, &["metadata", "name"]),
        "the Deployment reads the ConfigMap"
    );
}

#[test]
fn the_grace_period_covers_the_drain() {
    let deployment = manifest("deployment.yaml");
    let configmap = manifest("configmap.yaml");
    let pod = at(&deployment, &["spec", "template", "spec"]);
    let ctr = container(&deployment);
    let grace_period_ms = u64_at(pod, &["terminationGracePeriodSeconds"]) * 1000;

    // A preStop hook runs before SIGTERM, within the same grace period. The image has no shell
    // (nor `sleep`): only the kubelet's own sleep action can work.
    let pre_stop = at(ctr, &["lifecycle", "preStop"]);
    assert!(
        at(pre_stop, &["exec"]).is_null(),
        "the image has no shell: no exec preStop hook"
    );
    let pre_stop_ms = at(pre_stop, &["sleep", "seconds"]).as_u64().unwrap_or(0) * 1000;

    let drain = deployed_ms(&configmap, "NIANBAO_DRAIN_DELAY_MS");
    let grace = deployed_ms(&configmap, "NIANBAO_SHUTDOWN_GRACE_MS");
    let timeout = deployed_ms(&configmap, "NIANBAO_REQUEST_TIMEOUT_MS");
    assert!(
        pre_stop_ms + drain + grace <= grace_period_ms,
        "preStop {pre_stop_ms} ms + drain delay {drain} ms + shutdown grace {grace} ms must fit \
         in terminationGracePeriodSeconds ({grace_period_ms} ms), or the kubelet kills calls"
    );
    assert!(
        pre_stop_ms + drain >= 3000,
        "readiness NOT_SERVING for a few seconds before the listener closes, so the endpoint \
         removal reaches every proxy: {pre_stop_ms} + {drain} ms"
    );
    assert!(
        timeout <= grace,
        "a call accepted just before the listener closes may run for the request timeout \
         ({timeout} ms); the shutdown grace ({grace} ms) must let it finish"
    );

    // Liveness turns NOT_SERVING with readiness (and its port closes when the server stops
    // accepting): the kubelet must not count that as a hung process before the drain is over.
    let liveness_ms = u64_at(ctr, &["livenessProbe", "periodSeconds"])
        * u64_at(ctr, &["livenessProbe", "failureThreshold"])
        * 1000;
    assert!(
        liveness_ms > drain + grace,
        "the liveness probe ({liveness_ms} ms of failures) would restart a draining container \
         (drain {drain} ms + grace {grace} ms)"
    );

    // Without the ConfigMap's timing, the server's own defaults fit too.
    let defaults = serve_settings();
    let default_ms = |var: &str| -> u64 {
        defaults[var]
            .as_deref()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{var} has a numeric default"))
    };
    assert!(
        default_ms("NIANBAO_DRAIN_DELAY_MS") + default_ms("NIANBAO_SHUTDOWN_GRACE_MS")
            <= grace_period_ms,
        "the server's default drain delay + shutdown grace fit the grace period"
    );
}

#[test]
fn service_budget_and_autoscaler_agree_with_the_deployment() {
    let deployment = manifest("deployment.yaml");
    let service = manifest("service.yaml");
    let pdb = manifest("pdb.yaml");
    let hpa = manifest("hpa.yaml");
    let pod_labels = labels(at(&deployment, &["spec", "template", "metadata", "labels"]));
    let selects_pods = |selector: &Value, what: &str| {
        let s = labels(selector);
        assert!(!s.is_empty(), "{what} has a selector");
        for (k, v) in &s {
            assert_eq!(pod_labels.get(k), Some(v), "{what} selects the pods");
        }
    };
    selects_pods(
        at(&deployment, &["spec", "selector", "matchLabels"]),
        "Deployment",
    );
    selects_pods(at(&service, &["spec", "selector"]), "Service");
    selects_pods(
        at(&pdb, &["spec", "selector", "matchLabels"]),
        "PodDisruptionBudget",
    );

    let ctr = container(&deployment);
    let container_ports: BTreeMap<&str, u64> = seq_at(ctr, &["ports"])
        .iter()
        .map(|p| (str_at(p, &["name"]), u64_at(p, &["containerPort"])))
        .collect();
    for p in seq_at(&service, &["spec", "ports"]) {
        let name = str_at(p, &["name"]);
        assert_eq!(
            Some(&u64_at(p, &["targetPort"])),
            container_ports.get(name),
            "Service port {name} targets the container's"
        );
    }
    let grpc = seq_at(&service, &["spec", "ports"])
        .iter()
        .find(|p| str_at(p, &["name"]) == "grpc")
        .expect("the Service exposes grpc");
    assert_eq!(str_at(grpc, &["appProtocol"]), "kubernetes.io/h2c");

    // Rollouts and node drains: one pod at a time may go, never below the budget.
    let replicas = u64_at(&deployment, &["spec", "replicas"]);
    let min_replicas = u64_at(&hpa, &["spec", "minReplicas"]);
    let min_available = u64_at(&pdb, &["spec", "minAvailable"]);
    assert!(
        min_available < replicas.min(min_replicas),
        "the PodDisruptionBudget ({min_available}) leaves room to evict a pod of {replicas}"
    );
    assert_eq!(
        u64_at(
            &deployment,
            &["spec", "strategy", "rollingUpdate", "maxUnavailable"]
        ),
        0,
        "rollouts surge before they remove a serving pod"
    );
    assert_eq!(
        str_at(&hpa, &["spec", "scaleTargetRef", "name"]),
        str_at(&deployment, &["metadata", "name"])
    );
}
