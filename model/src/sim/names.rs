//! Kubernetes names: pod-template-hash, generated suffixes, PersistentVolume names, DNS names.
//!
//! Names are `Name`s: short inline strings that are `Copy`, so a request or a log entry can carry
//! a pod's name without allocating (the hot path stays allocation-free).

use std::fmt;

use super::rng::SimRng;

pub const NAMESPACE: &str = "default";
pub const CLUSTER_DOMAIN: &str = "cluster.local";

/// The alphabet Kubernetes uses for generated names (`k8s.io/apimachinery/pkg/util/rand`):
/// no vowels, and no characters that are easy to confuse, so no accidental words.
const SAFE_ALPHABET: &[u8; 27] = b"bcdfghjklmnpqrstvwxz2456789";

/// Longest name kept: a PV name `pvc-` + a 36-character UID is 40.
pub const NAME_MAX_BYTES: usize = 40;

/// A short name stored inline (ASCII, at most `NAME_MAX_BYTES`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name {
    len: u8,
    bytes: [u8; NAME_MAX_BYTES],
}

impl Name {
    /// Builds a name from ASCII text; text past `NAME_MAX_BYTES` is cut (never happens for the
    /// names generated here, which a test checks).
    pub fn new(text: &str) -> Self {
        let mut bytes = [0u8; NAME_MAX_BYTES];
        let len = text.len().min(NAME_MAX_BYTES);
        debug_assert!(text.is_ascii() && text.len() <= NAME_MAX_BYTES, "{text}");
        bytes[..len].copy_from_slice(&text.as_bytes()[..len]);
        Self {
            len: len as u8,
            bytes,
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored (see `new`), so this cannot fail.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// 32-bit FNV-1a, the hash Kubernetes uses for `pod-template-hash`.
fn fnv1a32(data: &[u8]) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for &byte in data {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// The `pod-template-hash` label of a Deployment's ReplicaSet for one template revision.
/// Like Kubernetes: FNV-1a of the template, printed in decimal, each digit mapped into the safe
/// alphabet. Here the "template" is the workload name and revision number.
pub fn pod_template_hash(workload: &str, revision: u32) -> String {
    let hash = fnv1a32(format!("{workload}/template/{revision}").as_bytes());
    hash.to_string()
        .bytes()
        .map(|digit| char::from(SAFE_ALPHABET[usize::from(digit) % SAFE_ALPHABET.len()]))
        .collect()
}

/// The 5 random characters a ReplicaSet appends to a pod's name (`generateName`).
pub fn random_suffix(rng: &mut SimRng) -> String {
    (0..5)
        .map(|_| char::from(SAFE_ALPHABET[rng.index(SAFE_ALPHABET.len())]))
        .collect()
}

/// A dynamically provisioned PersistentVolume is named `pvc-<uid of the claim>`.
pub fn provisioned_volume_name(rng: &mut SimRng) -> String {
    let hex = |rng: &mut SimRng, digits: usize| -> String {
        (0..digits)
            .map(|_| char::from(b"0123456789abcdef"[rng.index(16)]))
            .collect()
    };
    format!(
        "pvc-{}-{}-{}-{}-{}",
        hex(rng, 8),
        hex(rng, 4),
        hex(rng, 4),
        hex(rng, 4),
        hex(rng, 12)
    )
}

/// `<service>.<namespace>.svc.cluster.local`
pub fn service_dns(service: &str) -> String {
    format!("{service}.{NAMESPACE}.svc.{CLUSTER_DOMAIN}")
}

/// `<pod>.<service>.<namespace>.svc.cluster.local`: a StatefulSet pod's own record under its
/// governing headless Service.
pub fn pod_dns(pod: &str, service: &str) -> String {
    format!("{pod}.{service}.{NAMESPACE}.svc.{CLUSTER_DOMAIN}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_hash_is_stable_safe_and_changes_with_the_revision() {
        let first = pod_template_hash("adder", 1);
        assert_eq!(first, pod_template_hash("adder", 1));
        assert_ne!(first, pod_template_hash("adder", 2));
        assert!((1..=10).contains(&first.len()));
        assert!(first.bytes().all(|b| SAFE_ALPHABET.contains(&b)));
    }

    #[test]
    fn generated_names_fit_and_look_like_kubernetes() {
        let mut rng = SimRng::new(1);
        let suffix = random_suffix(&mut rng);
        assert_eq!(suffix.len(), 5);
        let pod = format!("adder-{}-{suffix}", pod_template_hash("adder", 99));
        assert_eq!(Name::new(&pod).as_str(), pod);
        let pv = provisioned_volume_name(&mut rng);
        assert_eq!(pv.len(), 40);
        assert_eq!(Name::new(&pv).as_str(), pv);
        assert_eq!(
            pod_dns("adder-0", "adder"),
            "adder-0.adder.default.svc.cluster.local"
        );
        assert_eq!(service_dns("adder"), "adder.default.svc.cluster.local");
    }
}
