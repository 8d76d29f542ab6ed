//! `kubectl get`: types (several, `all`, `type/name`), names, `-o wide|name`, `-l`,
//! `--show-labels`, `--no-headers`, `-n`, `-A`, printed as kubectl prints them, one table per
//! type with a blank line between, `Error from server (NotFound)` for a name that is not there.

use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use super::printers::{self, Table};
use super::resources::Resource;
use super::selector::{Selector, format_labels};
use super::table::tabulate;

const FLAGS: [FlagSpec; 6] = [
    flag("output", Some('o'), true),
    flag("selector", Some('l'), true),
    flag("show-labels", None, false),
    flag("no-headers", None, false),
    flag("all-namespaces", Some('A'), false),
    flag("watch", Some('w'), false),
];

const OUTPUT_FORMATS: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// What one `get` asks for: the types, in order, and the names (none: every object).
struct Request {
    types: Vec<Resource>,
    names: Vec<(Resource, String)>,
    show_kind: bool,
}

fn usage_error(message: &str) -> String {
    format!("error: {message}\nSee 'kubectl get --help' for usage.\n")
}

fn read_request(args: &[String]) -> Result<Request, String> {
    let unknown =
        |word: &str| format!("error: the server doesn't have a resource type \"{word}\"\n");
    let Some(first) = args.first() else {
        return Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n\
                    error: Required resource not specified.\n\
                    Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n\
                    See 'kubectl get -h' for help and examples\n"
            .to_owned());
    };
    if first.contains('/') {
        // `pod/adder-0 svc/adder`: each argument names its type.
        let mut request = Request {
            types: Vec::new(),
            names: Vec::new(),
            show_kind: false,
        };
        for arg in args {
            let Some((word, name)) = arg.split_once('/') else {
                return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>')\n".to_owned());
            };
            let resource = Resource::parse(word).ok_or_else(|| unknown(word))?;
            if !request.types.contains(&resource) {
                request.types.push(resource);
            }
            request.names.push((resource, name.to_owned()));
        }
        request.show_kind = request.types.len() > 1;
        return Ok(request);
    }
    let mut types = Vec::new();
    for word in first.split(',').filter(|word| !word.is_empty()) {
        if word.eq_ignore_ascii_case("all") {
            types.extend(Resource::CATEGORY_ALL);
        } else {
            types.push(Resource::parse(word).ok_or_else(|| unknown(word))?);
        }
    }
    let mut unique = Vec::new();
    for resource in types {
        if !unique.contains(&resource) {
            unique.push(resource);
        }
    }
    let show_kind = first.contains(',') || first.eq_ignore_ascii_case("all");
    let names = unique
        .iter()
        .flat_map(|&resource| args[1..].iter().map(move |name| (resource, name.clone())))
        .collect();
    Ok(Request {
        types: unique,
        names,
        show_kind,
    })
}

/// Runs `kubectl get <words>` and returns what the terminal prints.
pub fn get(
    words: &[String],
    cluster: &Cluster,
    parse: Option<crate::manifest::tree::Parse>,
) -> String {
    let parsed = match flags::parse(words, &FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error(&message),
    };
    if parsed.is_set("watch") {
        return "error: --watch is not simulated here: the scene above is the live view; run the command again to see the cluster now\n".to_owned();
    }
    let output = parsed.value("output").unwrap_or("");
    if output == "yaml" {
        return as_yaml(&parsed.args, cluster, parse);
    }
    if !matches!(output, "" | "wide" | "name") {
        if OUTPUT_FORMATS.split(',').any(|format| format == output) {
            return format!(
                "error: -o {output} is not simulated here yet; -o wide and -o name are\n"
            );
        }
        return format!(
            "error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: {OUTPUT_FORMATS}\n"
        );
    }
    let selector = match Selector::parse(parsed.value("selector").unwrap_or("")) {
        Ok(selector) => selector,
        Err(message) => return format!("error: {message}\n"),
    };
    let request = match read_request(&parsed.args) {
        Ok(request) => request,
        Err(message) => return message,
    };
    let all_namespaces = parsed.is_set("all-namespaces");
    let namespace = parsed.value("namespace").unwrap_or("default");
    let in_default = all_namespaces || namespace == "default";
    let options = Options {
        wide: output == "wide",
        show_kind: request.show_kind,
        all_namespaces,
        show_labels: parsed.is_set("show-labels"),
        headers: !parsed.is_set("no-headers"),
    };
    let mut printed = Vec::new();
    let mut errors = String::new();
    for &resource in &request.types {
        let mut table = printers::table(resource, cluster, options.wide);
        if resource.namespaced() && !in_default {
            table.rows.clear();
        }
        let wanted: Vec<&String> = request
            .names
            .iter()
            .filter(|(of, _)| *of == resource)
            .map(|(_, name)| name)
            .collect();
        if !wanted.is_empty() {
            let mut kept = Vec::new();
            for name in wanted {
                match table.rows.iter().find(|row| &row.name == name) {
                    Some(row) => kept.push(row.clone()),
                    None => errors.push_str(&format!(
                        "Error from server (NotFound): {} \"{name}\" not found\n",
                        resource.qualified_plural()
                    )),
                }
            }
            table.rows = kept;
        }
        table.rows.retain(|row| selector.matches(&row.labels));
        if !table.rows.is_empty() {
            printed.push(match output {
                "name" => names_only(resource, &table),
                _ => lay_out(resource, table, &options),
            });
        }
    }
    if printed.is_empty() && errors.is_empty() {
        let namespaced = request.types.iter().any(|resource| resource.namespaced());
        return if namespaced && !all_namespaces {
            let note = if in_default {
                ""
            } else {
                "# The lab simulates the default namespace only (a real kube-system holds CoreDNS, kube-proxy and more).\n"
            };
            format!("No resources found in {namespace} namespace.\n{note}")
        } else {
            "No resources found\n".to_owned()
        };
    }
    let separator = if output == "name" { "" } else { "\n" };
    printed.join(separator) + &errors
}

/// `kubectl get TYPE [NAME…] -o yaml`, for the kinds the scene's manifests describe.
fn as_yaml(
    args: &[String],
    cluster: &Cluster,
    parse: Option<crate::manifest::tree::Parse>,
) -> String {
    let Some(parse) = parse else {
        return "# The YAML reader is not loaded in this terminal.\n".to_owned();
    };
    let request = match read_request(args) {
        Ok(request) => request,
        Err(message) => return message,
    };
    let [resource] = request.types[..] else {
        return "error: this terminal prints -o yaml for one type at a time\n".to_owned();
    };
    let kind = match resource {
        Resource::Deployments => "Deployment",
        Resource::StatefulSets => "StatefulSet",
        Resource::Services => "Service",
        Resource::PersistentVolumeClaims => "PersistentVolumeClaim",
        Resource::StorageClasses => "StorageClass",
        other => {
            return format!(
                "error: -o yaml is simulated for deployments, statefulsets, services, persistentvolumeclaims and storageclasses, not {}\n",
                other.plural()
            );
        }
    };
    let names: Vec<String> = request.names.iter().map(|(_, name)| name.clone()).collect();
    let Some((text, missing)) = super::yaml_out::objects(cluster.world, parse, kind, &names) else {
        return "# The scene's manifests could not be read.\n".to_owned();
    };
    let mut out = text;
    for name in missing {
        if resource == Resource::Services && name == "kubernetes" {
            out.push_str("# -o yaml prints the scene's own objects; the kubernetes Service is the API server's own.\n");
            continue;
        }
        out.push_str(&format!(
            "Error from server (NotFound): {} \"{name}\" not found\n",
            resource.qualified_plural()
        ));
    }
    if out.is_empty() {
        out = "No resources found in default namespace.\n".to_owned();
    }
    out
}

struct Options {
    wide: bool,
    show_kind: bool,
    all_namespaces: bool,
    show_labels: bool,
    headers: bool,
}

fn names_only(resource: Resource, table: &Table) -> String {
    let kind = resource.qualified_singular();
    table
        .rows
        .iter()
        .map(|row| {
            // An event's row leads with LAST SEEN; its name is the wide table's last cell.
            let name = match resource {
                Resource::Events => row.cells.last().cloned().unwrap_or_default(),
                _ => row.name.clone(),
            };
            format!("{kind}/{name}\n")
        })
        .collect()
}

fn lay_out(resource: Resource, table: Table, options: &Options) -> String {
    let events = resource == Resource::Events;
    let namespaced = options.all_namespaces && resource.namespaced();
    let mut header = Vec::new();
    if namespaced {
        header.push("NAMESPACE".to_owned());
    }
    header.push(if events { "LAST SEEN" } else { "NAME" }.to_owned());
    header.extend(table.columns.iter().map(|column| (*column).to_owned()));
    if options.show_labels {
        header.push("LABELS".to_owned());
    }
    let kind = resource.qualified_singular();
    let mut rows: Vec<Vec<String>> = Vec::new();
    if options.headers {
        rows.push(header);
    }
    for row in table.rows {
        let mut cells = Vec::new();
        if namespaced {
            cells.push("default".to_owned());
        }
        cells.push(if options.show_kind && !events {
            format!("{kind}/{}", row.name)
        } else {
            row.name
        });
        cells.extend(row.cells);
        if options.show_labels {
            cells.push(format_labels(&row.labels));
        }
        rows.push(cells);
    }
    tabulate(&rows)
}
