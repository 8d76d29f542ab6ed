//! `nslookup NAME` and `dig +short NAME`, as run from a debug pod in the `default` namespace:
//! cluster DNS (CoreDNS behind the `kube-dns` Service, 10.96.0.10) with the pod's search list
//! `default.svc.cluster.local svc.cluster.local cluster.local` and `ndots:5`.
//!
//! What it answers follows the Service: a ClusterIP Service's name is its virtual IP; a
//! headless one's (`clusterIP: None`) is one A record per ready pod, and each ready pod of its
//! StatefulSet has its own name, `adder-0.adder.default.svc.cluster.local`. Anything else is
//! NXDOMAIN. Printed as bind's `nslookup` and `dig` print it.

use super::cluster::{Cluster, KUBERNETES_SERVICE_IP};
use crate::sim::names::{pod_dns, service_dns};

/// The `kube-dns` Service's ClusterIP, where a pod's resolv.conf points.
pub const DNS_SERVER_IP: &str = "10.96.0.10";
const SEARCH: [&str; 3] = [
    "default.svc.cluster.local",
    "svc.cluster.local",
    "cluster.local",
];
const NDOTS: usize = 5;

/// Every name cluster DNS answers now, with its addresses (none: the name exists but has no
/// ready endpoint, which CoreDNS answers as NXDOMAIN too).
fn records(cluster: &Cluster) -> Vec<(String, Vec<String>)> {
    let mut records = vec![
        (
            service_dns("kubernetes"),
            vec![KUBERNETES_SERVICE_IP.to_owned()],
        ),
        (
            "kube-dns.kube-system.svc.cluster.local".to_owned(),
            vec![DNS_SERVER_IP.to_owned()],
        ),
    ];
    for service in cluster.services() {
        if service.name == "kubernetes" {
            continue;
        }
        if let Some(cluster_ip) = service.cluster_ip {
            records.push((service_dns(service.name), vec![cluster_ip.to_owned()]));
            continue;
        }
        let Some(workload) = cluster
            .world
            .workloads()
            .find(|workload| Some(workload.name) == service.selects)
        else {
            continue;
        };
        // Each pod's own record needs the StatefulSet's serviceName to name this Service.
        let pod_records = workload.name == "db" || cluster.world.settings().pod_dns;
        let mut ready: Vec<_> = cluster
            .workload_pods(workload)
            .filter(|pod| cluster.world.is_published(pod))
            .collect();
        ready.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        let addresses = ready
            .iter()
            .filter_map(|pod| Cluster::pod_ip(pod))
            .collect();
        records.push((service_dns(service.name), addresses));
        for pod in ready.into_iter().filter(|_| pod_records) {
            records.push((
                pod_dns(pod.name.as_str(), service.name),
                Cluster::pod_ip(pod).into_iter().collect(),
            ));
        }
    }
    records
}

/// The name asked, resolved as the resolver would: with the search list first when it has
/// fewer than `ndots` dots and `search` is on; the answer's full name and its addresses.
pub(super) fn resolve(
    cluster: &Cluster,
    name: &str,
    search: bool,
) -> Option<(String, Vec<String>)> {
    let name = name.to_ascii_lowercase();
    let absolute = name.ends_with('.');
    let bare = name.trim_end_matches('.').to_owned();
    let mut candidates = Vec::new();
    if search && !absolute && bare.matches('.').count() < NDOTS {
        candidates.extend(SEARCH.iter().map(|domain| format!("{bare}.{domain}")));
    }
    candidates.push(bare);
    let records = records(cluster);
    candidates.into_iter().find_map(|candidate| {
        records
            .iter()
            .find(|(name, addresses)| *name == candidate && !addresses.is_empty())
            .cloned()
    })
}

/// `nslookup NAME`.
pub fn nslookup(words: &[String], cluster: &Cluster) -> String {
    let names: Vec<&String> = words.iter().filter(|word| !word.starts_with('-')).collect();
    let [name] = names.as_slice() else {
        return "Usage: nslookup NAME   (this terminal looks up one name in cluster DNS)\n"
            .to_owned();
    };
    let mut text = format!("Server:\t\t{DNS_SERVER_IP}\nAddress:\t{DNS_SERVER_IP}#53\n\n");
    match resolve(cluster, name, true) {
        Some((full, addresses)) => {
            for address in addresses {
                text.push_str(&format!("Name:\t{full}\nAddress: {address}\n"));
            }
            text.push('\n');
        }
        None => text.push_str(&format!("** server can't find {name}: NXDOMAIN\n\n")),
    }
    text
}

/// `dig +short [+search] NAME`: the addresses, one per line. Like dig, it does not use the
/// search list unless told to (`+search`), so a short name gets no answer.
pub fn dig(words: &[String], cluster: &Cluster) -> String {
    let mut short = false;
    let mut search = false;
    let mut names = Vec::new();
    for word in words {
        match word.as_str() {
            "+short" => short = true,
            "+search" => search = true,
            "+nosearch" => search = false,
            option if option.starts_with('+') || option.starts_with('-') => {
                return format!(
                    "Invalid option: {option}\n# This terminal runs dig +short [+search] NAME.\n"
                );
            }
            name => names.push(name),
        }
    }
    if !short {
        return "# This terminal runs dig +short [+search] NAME (the full answer's sections are not simulated).\n".to_owned();
    }
    let [name] = names.as_slice() else {
        return "# This terminal looks up one name: dig +short [+search] NAME\n".to_owned();
    };
    match (resolve(cluster, name, search), search) {
        (Some((_, addresses)), _) => addresses
            .iter()
            .map(|address| format!("{address}\n"))
            .collect(),
        // An empty answer, as dig gives; the note says why a name nslookup finds is not found.
        (None, false) => match resolve(cluster, name, true) {
            Some((full, _)) => format!(
                "# No answer: dig does not use the search list. Try dig +short +search {name}, or {full}\n"
            ),
            None => String::new(),
        },
        (None, true) => String::new(),
    }
}
