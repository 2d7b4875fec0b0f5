//! Every stored cost fact (calls and sums) as text rows in a stable order, for comparing two
//! databases or one database before and after.

/// The rows of `calls` and `buckets`, each as its values joined by `|`.
pub fn stored_facts(conn: &rusqlite::Connection) -> Vec<String> {
    let mut rows = Vec::new();
    for sql in [
        "SELECT * FROM calls ORDER BY message_id, request_id",
        "SELECT * FROM buckets ORDER BY quarter, model, project, session_id",
    ] {
        let mut statement = conn.prepare(sql).expect("prepare");
        let columns = statement.column_count();
        let mut query = statement.query([]).expect("query");
        while let Some(row) = query.next().expect("row") {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).expect("value")))
                .collect();
            rows.push(values.join("|"));
        }
    }
    rows
}
