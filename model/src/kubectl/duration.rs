//! kubectl's AGE: `HumanDuration` from `k8s.io/apimachinery/pkg/util/duration`, the coarser the
//! older (`45s`, `2m5s`, `14m`, `3h20m`, `2d4h`). Simulated time never runs backwards, so the
//! `<invalid>` and clock-skew cases of the original never arise here.

/// How kubectl prints an elapsed time.
pub fn human_duration(elapsed_ms: u64) -> String {
    let seconds = elapsed_ms / 1000;
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        return match seconds % 60 {
            0 => format!("{minutes}m"),
            rest => format!("{minutes}m{rest}s"),
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        return match minutes % 60 {
            0 => format!("{hours}h"),
            rest => format!("{hours}h{rest}m"),
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    let days = hours / 24;
    if hours < 24 * 8 {
        return match hours % 24 {
            0 => format!("{days}d"),
            rest => format!("{days}d{rest}h"),
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{days}d");
    }
    let years = days / 365;
    if hours < 24 * 365 * 8 {
        return match days % 365 {
            0 => format!("{years}y"),
            rest => format!("{years}y{rest}d"),
        };
    }
    format!("{years}y")
}

#[cfg(test)]
mod tests {
    use super::human_duration;

    const S: u64 = 1000;
    const M: u64 = 60 * S;
    const H: u64 = 60 * M;
    const D: u64 = 24 * H;

    #[test]
    fn each_range_prints_as_kubectl_prints_it() {
        let cases = [
            (0, "0s"),
            (999, "0s"),
            (119 * S, "119s"),
            (2 * M, "2m"),
            (2 * M + 5 * S, "2m5s"),
            (9 * M + 59 * S, "9m59s"),
            (10 * M + 30 * S, "10m"),
            (179 * M, "179m"),
            (3 * H, "3h"),
            (3 * H + 20 * M, "3h20m"),
            (8 * H + 59 * M, "8h"),
            (47 * H, "47h"),
            (2 * D, "2d"),
            (2 * D + 4 * H, "2d4h"),
            (8 * D, "8d"),
            (729 * D, "729d"),
            (2 * 365 * D, "2y"),
            (2 * 365 * D + 3 * D, "2y3d"),
            (8 * 365 * D, "8y"),
        ];
        for (elapsed_ms, printed) in cases {
            assert_eq!(human_duration(elapsed_ms), printed, "{elapsed_ms} ms");
        }
    }
}
