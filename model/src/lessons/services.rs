//! The misconceptions step's side-by-side view: the same client talking to a ClusterIP Service
//! and to a headless one (`clusterIP: None`), each read off a run of the simulation: the
//! Service's YAML, what DNS answers for its name, and which pods the client's requests reached.

use crate::playground::manifests::service_yaml;
use crate::playground::{Link, Playground};
use crate::sim::DnsRecord;

/// How long each side runs (virtual time) before its requests are counted.
pub const COMPARE_RUN_MS: u64 = 60_000;

const CLUSTER_IP_SCENE: &str = "scenario=adder-memory&seed=2";
/// Alice sends to the Service name, not to one pod.
const HEADLESS_SCENE: &str = "scenario=statefulset-headless&seed=2&actions=0.g.0.s";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSide {
    pub heading: &'static str,
    /// The `kind: Service` document of the scene's manifests.
    pub yaml: String,
    /// The records for the Service's name and its pods.
    pub dns: Vec<DnsRecord>,
    /// Alice's answered requests per pod, in the order pods were first reached.
    pub requests_per_pod: Vec<(String, u32)>,
    /// Who chose the pod for each request.
    pub chooser: &'static str,
}

/// Runs both scenes and describes them, ClusterIP first.
pub fn side_by_side() -> [ServiceSide; 2] {
    [
        side(
            CLUSTER_IP_SCENE,
            "ClusterIP Service (no clusterIP: None)",
            "kube-proxy on Alice\u{2019}s node picked a ready pod for each connection to the Service\u{2019}s virtual IP.",
        ),
        side(
            HEADLESS_SCENE,
            "Headless Service (clusterIP: None)",
            "Nothing in the cluster picked: DNS gave Alice every ready pod\u{2019}s address and she chose one each time (at random in this simulation).",
        ),
    ]
}

fn side(scene: &str, heading: &'static str, chooser: &'static str) -> ServiceSide {
    let mut playground = Playground::from_link(Link::parse(scene).0);
    playground.advance_to(COMPARE_RUN_MS);
    let world = playground.world();
    let yaml = service_yaml(world).trim().to_owned();
    let dns = world
        .snapshot()
        .dns
        .into_iter()
        .filter(|record| record.name.starts_with("adder"))
        .collect();
    let mut requests_per_pod: Vec<(String, u32)> = Vec::new();
    for answer in &world.clients()[0].observed {
        let (Some(pod), Ok(_)) = (answer.pod, answer.outcome) else {
            continue;
        };
        match requests_per_pod
            .iter_mut()
            .find(|(name, _)| name == pod.as_str())
        {
            Some((_, count)) => *count += 1,
            None => requests_per_pod.push((pod.to_string(), 1)),
        }
    }
    ServiceSide {
        heading,
        yaml,
        dns,
        requests_per_pod,
        chooser,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blog's two mistakes (a headless Service sends everything to one pod; a Service without
    /// `clusterIP: None` is headless), corrected by the runs.
    #[test]
    fn neither_service_sends_everything_to_one_pod_and_only_clusterip_none_is_headless() {
        let [cluster_ip, headless] = side_by_side();
        assert!(
            !cluster_ip.yaml.contains("clusterIP: None"),
            "{}",
            cluster_ip.yaml
        );
        assert!(cluster_ip.yaml.contains("type: ClusterIP"));
        assert!(
            headless.yaml.contains("clusterIP: None"),
            "{}",
            headless.yaml
        );

        // ClusterIP: one name, one virtual IP.
        assert_eq!(cluster_ip.dns.len(), 1);
        assert_eq!(cluster_ip.dns[0].addresses.len(), 1);
        // Headless: the name resolves to every ready pod, and each pod has its own record.
        assert_eq!(headless.dns[0].name, "adder.default.svc.cluster.local");
        assert_eq!(headless.dns[0].addresses.len(), 3);
        assert!(
            headless
                .dns
                .iter()
                .any(|record| record.name == "adder-0.adder.default.svc.cluster.local")
        );

        for side in [&cluster_ip, &headless] {
            assert!(side.requests_per_pod.len() > 1, "{side:?}");
            assert!(side.requests_per_pod.iter().map(|(_, n)| n).sum::<u32>() >= 10);
        }
    }
}
