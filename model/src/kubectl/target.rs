//! The object a changing command names, as kubectl's resource builder reads it: `TYPE NAME…`
//! or `TYPE/NAME…`, and the errors it gives when that is not so.

use super::cluster::Cluster;
use super::resources::Resource;
use crate::sim::objects::Workload;
use crate::sim::scenario::WorkloadKind;

/// What `args` name: one type and its names, in order.
pub fn objects(args: &[String]) -> Result<(Resource, Vec<String>), String> {
    let unknown =
        |word: &str| format!("error: the server doesn't have a resource type \"{word}\"\n");
    let Some(first) = args.first() else {
        return Err("error: You must provide one or more resources by argument or filename.\n\
                    Example resource specifications include:\n   \
                    '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"
            .to_owned());
    };
    if first.contains('/') {
        let mut kind = None;
        let mut names = Vec::new();
        for arg in args {
            let Some((word, name)) = arg.split_once('/') else {
                return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>')\n".to_owned());
            };
            let resource = Resource::parse(word).ok_or_else(|| unknown(word))?;
            if kind.is_some_and(|kind| kind != resource) {
                return Err(
                    "error: this terminal changes one type of object per command\n".to_owned(),
                );
            }
            kind = Some(resource);
            names.push(name.to_owned());
        }
        let resource = kind.expect("at least one argument was read");
        return Ok((resource, names));
    }
    if first.contains(',') {
        return Err("error: this terminal changes one type of object per command\n".to_owned());
    }
    let resource = Resource::parse(first).ok_or_else(|| unknown(first))?;
    let names: Vec<String> = args[1..].to_vec();
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified\n".to_owned());
    }
    Ok((resource, names))
}

/// Whether a command's `-n` (if any) names the one namespace the lab simulates.
pub fn in_default(parsed: &super::flags::Parsed) -> bool {
    parsed
        .value("namespace")
        .is_none_or(|namespace| namespace == "default")
}

/// `Error from server (NotFound): deployments.apps "x" not found`.
pub fn not_found(resource: Resource, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found\n",
        resource.qualified_plural()
    )
}

/// The one workload `args` name (`deployment adder`, `sts/adder`); `verb` words the refusal
/// of other types (`scale`, `restart`).
pub fn workload<'w>(
    args: &[String],
    cluster: &Cluster<'w>,
    verb: &str,
) -> Result<(Resource, &'w Workload), String> {
    let (resource, names) = objects(args)?;
    let kind = match resource {
        Resource::Deployments => WorkloadKind::Deployment,
        Resource::StatefulSets => WorkloadKind::StatefulSet,
        other => {
            return Err(format!(
                "error: kubectl {verb} here works on deployments and statefulsets, not {}\n",
                other.plural()
            ));
        }
    };
    let [name] = names.as_slice() else {
        return Err("error: this terminal changes one workload per command\n".to_owned());
    };
    let workload = cluster
        .workload_named(kind, name)
        .ok_or_else(|| not_found(resource, name))?;
    Ok((resource, workload))
}
