//! `kubectl apply -f FILE`: the documents of the editor's file compared with the objects the
//! scene runs, as the API server compares an update with what it stores. What the simulation
//! honours becomes the scene's own recorded actions (a scale, a rollout, the lock, session
//! affinity); immutable fields are refused in the API server's words; valid fields the lab does
//! not simulate are accepted and named, never dropped in silence.

use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use crate::manifest::document::{self, Manifest, canonical, get, int, items, labels, text};
use crate::manifest::schema::KindSchema;
use crate::manifest::tree::{NODES_MAX, Node, Parse};
use crate::manifest::validate::int_or_percent;
use crate::playground::manifests::{manifests, manifests_including_deleted};
use crate::sim::Command;
use crate::sim::objects::Workload;
use crate::sim::scenario::{ClaimRetention, PARTITION_MAX, QUARTER, UpdateStrategy};

/// The file a line may name: the YAML panel's editor, and the parser the worker hands in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Files<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub parse: Option<Parse>,
}

/// The editor's file name, as `kubectl apply -f` names it.
pub const FILE_NAME: &str = "adder.yaml";

const FLAGS: [FlagSpec; 2] = [
    flag("filename", Some('f'), true),
    flag("dry-run", None, true),
];

/// What `kubectl apply` prints, the actions it stands for (in order), and the run to load in
/// place of the scene's when the file describes an app of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    pub actions: Vec<Command>,
    /// The link of a new run of the learner's design.
    pub loads: Option<String>,
}

impl From<(String, Vec<Command>)> for Applied {
    fn from((text, actions): (String, Vec<Command>)) -> Self {
        Applied {
            text,
            actions,
            loads: None,
        }
    }
}

/// Runs `kubectl apply`.
pub fn apply(words: &[String], cluster: &Cluster, files: &Files) -> Applied {
    apply_text(words, cluster, files).unwrap_or_else(Applied::from)
}

/// `Err` is what a refused line prints (nothing applied).
fn apply_text(
    words: &[String],
    cluster: &Cluster,
    files: &Files,
) -> Result<Applied, (String, Vec<Command>)> {
    let parsed = match flags::parse(words, &FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => {
            return Err((
                format!("error: {message}\nSee 'kubectl apply --help' for usage.\n"),
                Vec::new(),
            ));
        }
    };
    if !super::target::in_default(&parsed) {
        return Err((
            "error: the namespace from the provided object does not match the namespace sent on the request\n# Only the default namespace is simulated.\n".to_owned(),
            Vec::new(),
        ));
    }
    if !parsed.args.is_empty() {
        return Err((
            format!(
                "error: Unexpected args: [{}]\nSee 'kubectl apply -h' for help and examples\n",
                parsed.args.join(" ")
            ),
            Vec::new(),
        ));
    }
    let dry_run = match parsed.value("dry-run") {
        None | Some("none") => false,
        Some("client" | "server") => true,
        Some(other) => {
            return Err((
                format!(
                    "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n"
                ),
                Vec::new(),
            ));
        }
    };
    let Some(file) = parsed.value("filename") else {
        return Err((
            "error: must specify one of -f and -k\n".to_owned(),
            Vec::new(),
        ));
    };
    let (docs, parse) = read_file(file, files, "apply").map_err(|text| (text, Vec::new()))?;
    let live_docs = parse(&manifests(cluster.world)).unwrap_or_default();
    let live: Vec<Manifest> = live_docs
        .iter()
        .filter_map(|doc| document::read(doc, "live").ok().flatten())
        .collect();
    let read: Vec<Result<Manifest, document::Refusal>> = docs
        .iter()
        .filter_map(|doc| document::read(doc, file).transpose())
        .collect();
    let is_live = |manifest: &Manifest| {
        live.iter().any(|object| {
            object.schema.kind == manifest.schema.kind && object.name == manifest.name
        })
    };
    // The app's objects deleted with kubectl delete, as they were: applying one makes it anew.
    let all_docs = parse(&manifests_including_deleted(cluster.world)).unwrap_or_default();
    let gone: Vec<Manifest> = all_docs
        .iter()
        .filter_map(|doc| document::read(doc, "live").ok().flatten())
        .filter(|object| !is_live(object))
        .collect();
    let gone_one = |manifest: &Manifest| {
        gone.iter().find(|object| {
            object.schema.kind == manifest.schema.kind && object.name == manifest.name
        })
    };
    let creates = read.iter().flatten().any(|manifest| {
        manifest.schema.kind != "StorageClass" && !is_live(manifest) && gone_one(manifest).is_none()
    });
    let switches = read.iter().flatten().any(|manifest| {
        live.iter().chain(&gone).any(|scene| {
            scene.schema.kind == manifest.schema.kind
                && scene.name == manifest.name
                && switches_design(manifest, scene)
        })
    });
    if creates || switches {
        return Ok(new_app(
            &read,
            &live,
            cluster,
            file,
            dry_run,
            switches && !creates,
        ));
    }
    let mut out = String::new();
    let mut actions = Vec::new();
    // The world as the documents' actions so far leave it (cloned once one acts).
    let mut trial: Option<crate::sim::World> = None;
    for manifest in read {
        let manifest = match manifest {
            Ok(manifest) => manifest,
            Err(refusal) => {
                out.push_str(&refusal.printed(file, exists(&live)));
                out.push_str(&format!("\n# at {} of {file}\n", refusal.mark));
                continue;
            }
        };
        let current = live.iter().find(|object| {
            object.schema.kind == manifest.schema.kind && object.name == manifest.name
        });
        let recreated = if current.is_none() {
            gone_one(&manifest)
        } else {
            None
        };
        let result = match (current, recreated) {
            (Some(current), _) => update(&manifest, current, cluster),
            (None, Some(was)) => super::recreate::recreate(&manifest, was, cluster),
            (None, None) => {
                out.push_str(&format!(
                "# Not applied: creating {} is not simulated yet; the lab changes the objects the scene runs ({}).\n",
                manifest.reference(),
                live.iter().map(Manifest::reference).collect::<Vec<_>>().join(", ")
            ));
                continue;
            }
        };
        match result {
            Err(text) => out.push_str(&text),
            Ok(change) => {
                // Every action must apply to the world as it will be: a refused one refuses the
                // document, and the scene is left as it was.
                if !change.actions.is_empty() {
                    let mut copy = trial.as_ref().unwrap_or(cluster.world).clone();
                    let refused = change
                        .actions
                        .iter()
                        .find_map(|action| copy.apply(action).err());
                    if let Some(error) = refused {
                        out.push_str(&format!(
                            "# Not applied ({}): {error}\n",
                            manifest.reference()
                        ));
                        continue;
                    }
                    trial = Some(copy);
                }
                let changed = !change.actions.is_empty() || !change.not_simulated.is_empty();
                let verb = match (recreated, changed) {
                    (Some(_), _) => "created",
                    (None, true) => "configured",
                    (None, false) => "unchanged",
                };
                let dry = if dry_run { " (dry run)" } else { "" };
                out.push_str(&format!("{} {verb}{dry}\n", manifest.reference()));
                for note in change.notes {
                    out.push_str(&format!("# {note}\n"));
                }
                if !change.not_simulated.is_empty() {
                    out.push_str(&format!(
                        "# accepted, not simulated: {}\n",
                        change.not_simulated.join(", ")
                    ));
                }
                if !dry_run {
                    actions.extend(change.actions);
                }
            }
        }
    }
    if out.is_empty() {
        out.push_str("error: no objects passed to apply\n");
    }
    Ok(Applied {
        text: out,
        actions,
        loads: None,
    })
}

/// The documents of the file `-f` names (the editor's `adder.yaml`), and the parser that read
/// them; `Err` is what kubectl `verb` prints instead.
pub(super) fn read_file(
    file: &str,
    files: &Files,
    verb: &str,
) -> Result<(Vec<Node>, Parse), String> {
    if file == "-" {
        return Err(format!(
            "# This terminal has no standard input to pipe a manifest into: edit {FILE_NAME} in the YAML panel, then kubectl {verb} -f {FILE_NAME}.\n"
        ));
    }
    if file != files.name || files.name.is_empty() {
        return Err(format!(
            "error: the path \"{file}\" does not exist\n# The lab has one file: {FILE_NAME}, the YAML panel's editor.\n"
        ));
    }
    let Some(parse) = files.parse else {
        return Err("# The YAML reader is not loaded in this terminal.\n".to_owned());
    };
    let docs = parse(files.text).map_err(|error| {
        format!(
            "error: error parsing {file}: error converting YAML to JSON: yaml: line {}: {}\n# at {} of {file}\n",
            error.mark.line, error.message, error.mark
        )
    })?;
    if docs.iter().map(Node::count).sum::<usize>() > NODES_MAX {
        return Err(format!(
            "# {file} holds more than {NODES_MAX} YAML nodes (aliases counted as they expand): too large to {verb} here. Nothing was done.\n"
        ));
    }
    Ok((docs, parse))
}

/// Whether the scene runs an object of that kind and name (kubectl then patches it).
fn exists<'a>(live: &'a [Manifest]) -> impl Fn(&KindSchema, &str) -> bool + 'a {
    move |schema, name| {
        live.iter()
            .any(|object| object.schema.kind == schema.kind && object.name == name)
    }
}

/// What an update to an existing object changes.
#[derive(Debug, Default)]
pub(super) struct Change {
    pub(super) actions: Vec<Command>,
    /// Paths of valid fields changed that the simulation does not act on.
    pub(super) not_simulated: Vec<String>,
    /// The lab's remarks on what it did.
    pub(super) notes: Vec<String>,
}

fn update(new: &Manifest, live: &Manifest, cluster: &Cluster) -> Result<Change, String> {
    let invalid = |cause: String| {
        Err(format!(
            "The {} \"{}\" is invalid: {cause}\n",
            new.schema.kind, new.name
        ))
    };
    let mut change = Change::default();
    // Every valid field the lab keeps without simulating, present on either side.
    let mut kept: Vec<&String> = new.kept.iter().chain(&live.kept).collect();
    kept.sort();
    kept.dedup();
    let differs = |path: &str| canonical(new.get(path)) != canonical(live.get(path));
    match new.schema.kind {
        "Service" => {
            let live_ip = cluster
                .services()
                .into_iter()
                .find(|service| service.name == new.name)
                .map(|service| service.cluster_ip.unwrap_or("None"));
            let wanted = text(new.node, "spec.clusterIP");
            if live_ip.is_some_and(|ip| !wanted.is_empty() && wanted != ip) {
                return Err(format!(
                    "The Service \"{}\" is invalid: spec.clusterIP: Invalid value: \"{wanted}\": field is immutable\n\
                     # A Service's clusterIP is set when it is created and never changes: delete the Service and apply it again (kubectl delete service {}, then kubectl apply -f {FILE_NAME}).\n",
                    new.name, new.name
                ));
            }
            let affinity =
                |manifest: &Manifest| text(manifest.node, "spec.sessionAffinity") == "ClientIP";
            if affinity(new) != affinity(live) {
                change
                    .actions
                    .push(Command::SetSessionAffinity(affinity(new)));
            }
            if publishes_not_ready(new) != publishes_not_ready(live) {
                change
                    .actions
                    .push(Command::SetPublishNotReady(publishes_not_ready(new)));
            }
            for path in ["spec.selector", "spec.clusterIPs"] {
                if differs(path) {
                    change.not_simulated.push(path.to_owned());
                }
            }
        }
        "Deployment" | "StatefulSet" => {
            let workload = cluster
                .world
                .workloads()
                .find(|workload| workload.name == new.name);
            let Some(workload) = workload else {
                return Ok(change);
            };
            if new.schema.kind == "Deployment" {
                if differs("spec.selector") {
                    let shown: Vec<String> = labels(new.node, "spec.selector.matchLabels")
                        .iter()
                        .map(|(k, v)| format!("{k:?}:{v:?}"))
                        .collect();
                    return invalid(format!(
                        "spec.selector: Invalid value: v1.LabelSelector{{MatchLabels:map[string]string{{{}}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}: field is immutable",
                        shown.join(", ")
                    ));
                }
            } else if forbidden_stateful_set_change(new, live) {
                return invalid(
                    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
                        .to_owned(),
                );
            }
            workload_change(new, live, workload, cluster, &mut change)?;
        }
        "PersistentVolumeClaim" => {
            let spec_but_requests = |manifest: &Manifest| {
                let mut spec = canonical(manifest.get("spec"));
                spec = spec.replace(&canonical(manifest.get("spec.resources.requests")), "");
                spec
            };
            if spec_but_requests(new) != spec_but_requests(live) {
                return invalid(
                    "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims".to_owned(),
                );
            }
        }
        "StorageClass" => {
            for field in [
                "parameters",
                "provisioner",
                "reclaimPolicy",
                "volumeBindingMode",
            ] {
                if differs(field) {
                    return invalid(format!(
                        "{field}: Forbidden: updates to {field} are forbidden."
                    ));
                }
            }
        }
        _ => {}
    }
    // The innermost fields that differ: `spec.strategy.rollingUpdate.maxSurge`, not also
    // `spec.strategy` around it.
    let differing: Vec<&String> = kept.into_iter().filter(|path| differs(path)).collect();
    for path in &differing {
        let inner = differing.iter().any(|other| {
            other.len() > path.len()
                && other.starts_with(path.as_str())
                && matches!(other.as_bytes()[path.len()], b'.' | b'[')
        });
        if !inner && !change.not_simulated.contains(path) {
            change.not_simulated.push((*path).clone());
        }
    }
    if differs("metadata.labels") || differs("metadata.annotations") {
        change.not_simulated.push("metadata".to_owned());
    }
    Ok(change)
}

/// A StatefulSet's spec may change only in replicas, ordinals, template, updateStrategy,
/// persistentVolumeClaimRetentionPolicy and minReadySeconds (compared after defaulting).
fn forbidden_stateful_set_change(new: &Manifest, live: &Manifest) -> bool {
    const FIXED: [(&str, &str); 5] = [
        ("selector", ""),
        ("serviceName", ""),
        ("podManagementPolicy", "\"OrderedReady\""),
        ("revisionHistoryLimit", "10"),
        ("volumeClaimTemplates", ""),
    ];
    FIXED.iter().any(|(field, default)| {
        let value = |manifest: &Manifest| {
            let value = canonical(manifest.get(&format!("spec.{field}")));
            if value.is_empty() {
                (*default).to_owned()
            } else {
                value
            }
        };
        value(new) != value(live)
    })
}

/// How the workload's changed template reaches its pods, as the document sets it (defaulted
/// as the API server defaults it).
pub fn update_strategy(manifest: &Manifest) -> UpdateStrategy {
    let node = manifest.node;
    if manifest.schema.kind == "Deployment" {
        if text(node, "spec.strategy.type") == "Recreate" {
            return UpdateStrategy::Recreate;
        }
        // Validated before: an absent or unreadable bound is the default 25%.
        let bound = |field: &str| {
            let path = format!("spec.strategy.rollingUpdate.{field}");
            get(node, &path)
                .and_then(|value| int_or_percent(value, &path).ok())
                .unwrap_or(QUARTER)
        };
        return UpdateStrategy::surge(bound("maxSurge"), bound("maxUnavailable"));
    }
    if text(node, "spec.updateStrategy.type") == "OnDelete" {
        return UpdateStrategy::OnDelete;
    }
    let partition = int(node, "spec.updateStrategy.rollingUpdate.partition").unwrap_or(0);
    UpdateStrategy::RollingUpdate {
        partition: u32::try_from(partition).unwrap_or(u32::MAX),
    }
}

/// A StatefulSet's `persistentVolumeClaimRetentionPolicy` as the document sets it (`Retain`
/// when absent; validated before).
pub fn claim_retention(manifest: &Manifest) -> ClaimRetention {
    let delete = |field: &str| {
        text(
            manifest.node,
            &format!("spec.persistentVolumeClaimRetentionPolicy.{field}"),
        ) == "Delete"
    };
    ClaimRetention {
        delete_when_deleted: delete("whenDeleted"),
        delete_when_scaled: delete("whenScaled"),
    }
}

/// A Service's `publishNotReadyAddresses`.
pub fn publishes_not_ready(manifest: &Manifest) -> bool {
    get(manifest.node, "spec.publishNotReadyAddresses")
        .and_then(Node::scalar)
        .is_some_and(|value| value == crate::manifest::tree::Scalar::Bool(true))
}

/// The program an image runs, by its name: the lab runs the adder, the converter or the db.
fn program(image: &str) -> Option<&str> {
    let name = crate::manifest::design::image_name(image);
    ["adder", "converter", "db"].contains(&name).then_some(name)
}

pub(super) fn workload_change(
    new: &Manifest,
    live: &Manifest,
    workload: &Workload,
    cluster: &Cluster,
    change: &mut Change,
) -> Result<(), String> {
    let the_apps = super::scale::is_the_apps(cluster, &new.name);
    let (Some(new_container), Some(live_container)) = (first_container(new), first_container(live))
    else {
        return Ok(());
    };
    let image = text(&new_container, "image");
    let reference = new.reference();
    if program(image) != program(text(&live_container, "image")) {
        return Err(match program(image) {
            None => format!(
                "# Not applied ({reference}): the image {image} is not one the lab can run. Its images end in /adder, /converter or /db (e.g. {}); the tag may change.\n",
                text(&live_container, "image")
            ),
            Some(other) => format!(
                "# Not applied ({reference}): switching these pods to the {other} program is not simulated yet.\n"
            ),
        });
    }
    // A file that moves the total elsewhere starts a run of its own (`switches_design`); here
    // only when that run could not be made.
    if store_key(new, &new_container) != store_key(live, &live_container) {
        return Err(format!(
            "# Not applied ({reference}): changing where the total is kept (volumes, volumeMounts, TOTAL_STORE, TOTAL_FILE) is not simulated yet; pick the scenario that keeps it there.\n"
        ));
    }
    if items(new.node, "spec.template.spec.containers").len() != 1 {
        return Err(format!(
            "# Not applied ({reference}): the lab's pods run one container; a second one is not simulated.\n"
        ));
    }
    let replicas = int(new.node, "spec.replicas").unwrap_or(1);
    if replicas != i64::from(workload.replicas) {
        if the_apps {
            change.actions.push(Command::Scale { replicas });
        } else {
            change.not_simulated.push("spec.replicas".to_owned());
        }
    }
    let strategy = update_strategy(new);
    if strategy != cluster.world.settings().update_strategy {
        if !the_apps {
            change.not_simulated.push("spec.updateStrategy".to_owned());
        } else if let UpdateStrategy::RollingUpdate { partition } = strategy
            && partition > PARTITION_MAX
        {
            return Err(format!(
                "# Not applied ({reference}): the lab keeps partitions up to {PARTITION_MAX}; any larger holds every pod back just the same.\n"
            ));
        } else {
            change.actions.push(Command::SetUpdateStrategy(strategy));
        }
    }
    if new.schema.kind == "StatefulSet" && claim_retention(new) != claim_retention(live) {
        if the_apps {
            change
                .actions
                .push(Command::SetClaimRetention(claim_retention(new)));
        } else {
            change
                .not_simulated
                .push("spec.persistentVolumeClaimRetentionPolicy".to_owned());
        }
    }
    let lock =
        |container: &Node| env_value(container, "FILE_LOCK").is_none_or(|value| value != "off");
    let template_changed =
        canonical(new.get("spec.template")) != canonical(live.get("spec.template"));
    if lock(&new_container) != lock(&live_container) {
        change.actions.push(Command::SetLock(lock(&new_container)));
        change.notes.push(
            "Simplified: the lab switches FILE_LOCK for every pod at once; a cluster rolls out new pods with the new value one by one, and old and new pods run side by side until it is done.".to_owned(),
        );
    }
    if template_changed && the_apps {
        change.actions.push(Command::RollOut);
    }
    Ok(())
}

fn first_container(manifest: &Manifest) -> Option<Node> {
    items(manifest.node, "spec.template.spec.containers")
        .first()
        .cloned()
}

fn env_value(container: &Node, name: &str) -> Option<String> {
    items(container, "env")
        .iter()
        .find(|var| text(var, "name") == name)
        .map(|var| text(var, "value").to_owned())
}

/// Where the total lives: volumes, mounts, claim templates and the store's environment.
fn store_key(manifest: &Manifest, container: &Node) -> String {
    let mut key = canonical(manifest.get("spec.template.spec.volumes"));
    key.push_str(&canonical(get(container, "volumeMounts")));
    key.push_str(&canonical(manifest.get("spec.volumeClaimTemplates")));
    for name in ["TOTAL_STORE", "TOTAL_FILE", "DATABASE_HOST"] {
        key.push_str(&env_value(container, name).unwrap_or_default());
    }
    key
}

/// A workload document whose pods would run another program the lab knows, or keep the total
/// elsewhere, than the scene's: not a rollout the lab can show (old and new pods side by side
/// would run different programs), so it starts a run of that design instead.
fn switches_design(new: &Manifest, scene: &Manifest) -> bool {
    if !matches!(new.schema.kind, "Deployment" | "StatefulSet") {
        return false;
    }
    let (Some(new_container), Some(scene_container)) =
        (first_container(new), first_container(scene))
    else {
        return false;
    };
    let new_program = program(text(&new_container, "image"));
    let other_program =
        new_program.is_some() && new_program != program(text(&scene_container, "image"));
    other_program || store_key(new, &new_container) != store_key(scene, &scene_container)
}

/// `kubectl edit TYPE NAME`: the object must exist; the editor the terminal opens holds the
/// scene's whole file (adder.yaml), which Apply applies, as saving does in kubectl edit.
pub fn edit(words: &[String], cluster: &Cluster) -> Result<String, String> {
    let parsed = flags::parse(words, &[])
        .map_err(|message| format!("error: {message}\nSee 'kubectl edit --help' for usage.\n"))?;
    if !super::target::in_default(&parsed) {
        return Err("# Only the default namespace is simulated.\n".to_owned());
    }
    let (resource, names) = super::target::objects(&parsed.args)?;
    let plural = resource.plural();
    let exists = |name: &str| match plural {
        "deployments" => cluster
            .workload_named(crate::sim::scenario::WorkloadKind::Deployment, name)
            .is_some(),
        "statefulsets" => cluster
            .workload_named(crate::sim::scenario::WorkloadKind::StatefulSet, name)
            .is_some(),
        "services" => cluster
            .services()
            .iter()
            .any(|service| service.name == name),
        "persistentvolumeclaims" => cluster
            .volumes()
            .iter()
            .any(|volume| volume.claim.as_str() == name),
        _ => false,
    };
    if !matches!(
        plural,
        "deployments" | "statefulsets" | "services" | "persistentvolumeclaims"
    ) {
        return Err(format!(
            "# kubectl edit here opens the scene's deployments, statefulsets, services and persistentvolumeclaims, not {plural}.\n"
        ));
    }
    if let Some(missing) = names.iter().find(|name| !exists(name)) {
        return Err(super::target::not_found(resource, missing));
    }
    Ok(format!(
        "# Editing {FILE_NAME} in the YAML panel (it holds every object of the scene): change {}, then Apply; kubectl edit applies when you save and close the editor.\n",
        names
            .iter()
            .map(|name| format!("{plural}/{name}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// A file that creates objects the scene does not run: read as an app of the learner's own
/// and, when the lab can run it, started as a new run in place of the scene's.
fn new_app(
    read: &[Result<Manifest, document::Refusal>],
    live: &[Manifest],
    cluster: &Cluster,
    file: &str,
    dry_run: bool,
    switched: bool,
) -> Applied {
    let mut out = String::new();
    let mut manifests = Vec::new();
    for result in read {
        match result {
            Ok(manifest) => manifests.push(manifest),
            Err(refusal) => {
                out.push_str(&format!(
                    "{}\n# at {} of {file}\n",
                    refusal.printed(file, exists(live)),
                    refusal.mark
                ));
            }
        }
    }
    if !out.is_empty() {
        out.push_str("# Nothing was applied: the file describes a new app, and the lab starts it only once every document is valid.\n");
        return Applied::from((out, Vec::new()));
    }
    let owned: Vec<Manifest> = manifests.into_iter().cloned().collect();
    let app = match crate::manifest::design::read(&owned) {
        Ok(app) => app,
        Err(why) => {
            let created: Vec<String> = owned.iter().map(Manifest::reference).collect();
            return Applied::from((
                format!("# Not applied ({}): {why}.\n", created.join(", ")),
                Vec::new(),
            ));
        }
    };
    let dry = if dry_run { " (dry run)" } else { "" };
    for manifest in &owned {
        let same = live.iter().find(|object| {
            object.schema.kind == manifest.schema.kind && object.name == manifest.name
        });
        let verb = match same {
            None => "created",
            Some(object) if canonical(Some(object.node)) == canonical(Some(manifest.node)) => {
                "unchanged"
            }
            Some(_) => "configured",
        };
        out.push_str(&format!("{} {verb}{dry}\n", manifest.reference()));
    }
    for note in &app.notes {
        out.push_str(&format!("# {note}\n"));
    }
    if switched {
        out.push_str("# Its pods would run another program, or keep the total elsewhere: a rollout with old and new pods side by side is not simulated.\n");
    }
    let replaced: Vec<String> = live
        .iter()
        .filter(|object| object.schema.kind != "StorageClass")
        .map(Manifest::reference)
        .collect();
    out.push_str(&format!(
        "# A new app: the lab runs one app at a time, so a new run starts (t = 0) with these objects in place of the scene's ({}), as if those had been deleted first. Its link holds your design.\n",
        replaced.join(", ")
    ));
    let link = crate::playground::Link::of_design(app.design, cluster.world.seed());
    Applied {
        text: out,
        actions: Vec::new(),
        loads: (!dry_run).then(|| link.to_query()),
    }
}
