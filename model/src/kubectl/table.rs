//! Columns as kubectl lays them out: Go's `text/tabwriter` with kubectl's settings (minimum cell
//! width 6, padding 3, spaces). Every cell but a row's last is padded to its column's width; the
//! last is written as it is.

const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

/// Rows of cells (the first is usually the header) as aligned text, one line per row.
pub fn tabulate<S: AsRef<str>>(rows: &[Vec<S>]) -> String {
    tabulate_padded(rows, MIN_WIDTH, PADDING)
}

/// The same with other tabwriter settings (`rollout history` and `describe` use a minimum
/// width of 0 and padding 2).
pub fn tabulate_padded<S: AsRef<str>>(rows: &[Vec<S>], min_width: usize, padding: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    // A column's width: its widest cell plus the padding, never below the minimum. tabwriter
    // aligns a column over the contiguous lines that have a cell there, which is every line
    // here, since each table's rows have the same cells.
    let widths: Vec<usize> = (0..columns.saturating_sub(1))
        .map(|column| {
            rows.iter()
                .filter_map(|row| row.get(column))
                .map(|cell| cell.as_ref().chars().count() + padding)
                .fold(min_width, usize::max)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            let cell = cell.as_ref();
            text.push_str(cell);
            if column + 1 < row.len() {
                let width = widths.get(column).copied().unwrap_or(0);
                let pad = width.saturating_sub(cell.chars().count());
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::tabulate;

    #[test]
    fn cells_are_padded_by_three_past_the_widest_and_at_least_to_six() {
        let rows = vec![
            vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
            vec!["dnsutils", "1/1", "Running", "0", "2m27s"],
        ];
        assert_eq!(
            tabulate(&rows),
            "NAME       READY   STATUS    RESTARTS   AGE\n\
             dnsutils   1/1     Running   0          2m27s\n"
        );
        // A narrow column still takes six characters; an empty cell too.
        let rows = vec![vec!["A", "", "C"], vec!["", "B", ""]];
        assert_eq!(tabulate(&rows), "A           C\n      B     \n");
    }
}
