//! The resource types the terminal knows, with the names kubectl accepts for each (plural,
//! singular, short names, kind) and how it prefixes a name in `-o name` and in a mixed listing
//! (`pod/adder-0`, `deployment.apps/adder`).

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Resource {
    Pods,
    Services,
    Deployments,
    ReplicaSets,
    StatefulSets,
    EndpointSlices,
    PersistentVolumeClaims,
    PersistentVolumes,
    StorageClasses,
    Nodes,
    Events,
}

impl Resource {
    pub const ALL: [Resource; 11] = [
        Resource::Pods,
        Resource::Services,
        Resource::Deployments,
        Resource::ReplicaSets,
        Resource::StatefulSets,
        Resource::EndpointSlices,
        Resource::PersistentVolumeClaims,
        Resource::PersistentVolumes,
        Resource::StorageClasses,
        Resource::Nodes,
        Resource::Events,
    ];

    /// What `kubectl get all` lists (the `all` category), in kubectl's order; the other
    /// members of the category (DaemonSets, Jobs, …) never exist here.
    pub const CATEGORY_ALL: [Resource; 5] = [
        Resource::Pods,
        Resource::Services,
        Resource::Deployments,
        Resource::ReplicaSets,
        Resource::StatefulSets,
    ];

    /// The plural, as in `kubectl api-resources` and in API errors (`pods "x" not found`).
    pub fn plural(self) -> &'static str {
        match self {
            Resource::Pods => "pods",
            Resource::Services => "services",
            Resource::Deployments => "deployments",
            Resource::ReplicaSets => "replicasets",
            Resource::StatefulSets => "statefulsets",
            Resource::EndpointSlices => "endpointslices",
            Resource::PersistentVolumeClaims => "persistentvolumeclaims",
            Resource::PersistentVolumes => "persistentvolumes",
            Resource::StorageClasses => "storageclasses",
            Resource::Nodes => "nodes",
            Resource::Events => "events",
        }
    }

    pub fn short_names(self) -> &'static [&'static str] {
        match self {
            Resource::Pods => &["po"],
            Resource::Services => &["svc"],
            Resource::Deployments => &["deploy"],
            Resource::ReplicaSets => &["rs"],
            Resource::StatefulSets => &["sts"],
            Resource::EndpointSlices => &[],
            Resource::PersistentVolumeClaims => &["pvc"],
            Resource::PersistentVolumes => &["pv"],
            Resource::StorageClasses => &["sc"],
            Resource::Nodes => &["no"],
            Resource::Events => &["ev"],
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Resource::Pods => "Pod",
            Resource::Services => "Service",
            Resource::Deployments => "Deployment",
            Resource::ReplicaSets => "ReplicaSet",
            Resource::StatefulSets => "StatefulSet",
            Resource::EndpointSlices => "EndpointSlice",
            Resource::PersistentVolumeClaims => "PersistentVolumeClaim",
            Resource::PersistentVolumes => "PersistentVolume",
            Resource::StorageClasses => "StorageClass",
            Resource::Nodes => "Node",
            Resource::Events => "Event",
        }
    }

    /// The API group ("" for the core group).
    pub fn group(self) -> &'static str {
        match self {
            Resource::Deployments | Resource::ReplicaSets | Resource::StatefulSets => "apps",
            Resource::EndpointSlices => "discovery.k8s.io",
            Resource::StorageClasses => "storage.k8s.io",
            _ => "",
        }
    }

    /// `apiVersion` of the objects.
    pub fn api_version(self) -> &'static str {
        match self.group() {
            "" => "v1",
            "apps" => "apps/v1",
            "discovery.k8s.io" => "discovery.k8s.io/v1",
            _ => "storage.k8s.io/v1",
        }
    }

    /// Nodes, PersistentVolumes and StorageClasses belong to no namespace.
    pub fn namespaced(self) -> bool {
        !matches!(
            self,
            Resource::Nodes | Resource::PersistentVolumes | Resource::StorageClasses
        )
    }

    /// `pods`, `deployments.apps`: how the API server names the type in its errors
    /// (`deployments.apps "x" not found`).
    pub fn qualified_plural(self) -> String {
        match self.group() {
            "" => self.plural().to_owned(),
            group => format!("{}.{group}", self.plural()),
        }
    }

    /// `pod`, `deployment.apps`: what `-o name` and mixed listings put before `/name`.
    pub fn qualified_singular(self) -> String {
        let singular = self.kind().to_ascii_lowercase();
        match self.group() {
            "" => singular,
            group => format!("{singular}.{group}"),
        }
    }

    /// The type a word names, as kubectl's REST mapper resolves it: plural, singular, short
    /// name or kind, in any case, optionally qualified by its group (`deployments.apps`).
    pub fn parse(word: &str) -> Option<Resource> {
        let word = word.to_ascii_lowercase();
        let (name, group) = match word.split_once('.') {
            Some((name, group)) => (name.to_owned(), Some(group.to_owned())),
            None => (word, None),
        };
        Resource::ALL.into_iter().find(|resource| {
            let named = resource.plural() == name
                || resource.kind().eq_ignore_ascii_case(&name)
                || resource.short_names().contains(&name.as_str());
            let in_group = group.as_deref().is_none_or(|group| {
                group == resource.group() || (resource.group().is_empty() && group == "v1")
            });
            named && in_group
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Resource;

    #[test]
    fn every_name_kubectl_accepts_finds_its_type() {
        for resource in Resource::ALL {
            let singular = resource.kind().to_ascii_lowercase();
            assert_eq!(Resource::parse(resource.plural()), Some(resource));
            assert_eq!(Resource::parse(&singular), Some(resource));
            assert_eq!(Resource::parse(resource.kind()), Some(resource));
            for short in resource.short_names() {
                assert_eq!(Resource::parse(short), Some(resource));
            }
        }
        assert_eq!(
            Resource::parse("deployments.apps"),
            Some(Resource::Deployments)
        );
        assert_eq!(Resource::parse("deploy.apps"), Some(Resource::Deployments));
        assert_eq!(Resource::parse("deployments.batch"), None);
        assert_eq!(Resource::parse("PO"), Some(Resource::Pods));
        assert_eq!(Resource::parse("x"), None);
        assert_eq!(
            Resource::Deployments.qualified_singular(),
            "deployment.apps"
        );
        assert_eq!(Resource::Pods.qualified_singular(), "pod");
    }
}
