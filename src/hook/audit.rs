//! The approvals audit in `cco.db`: one row per decision (who, what, when, how), appended.

use rusqlite::{params, Connection};
use serde::Serialize;

/// One decision about one tool call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Record {
    pub at_ms: i64,
    pub session_id: String,
    pub pane: Option<String>,
    pub agent: Option<String>,
    pub tool: String,
    pub subject: String,
    pub label: Option<String>,
    pub reason: Option<String>,
    /// allow, allow_always, deny, answered_in_pane.
    pub decision: String,
    /// classifier, person, pane.
    pub decided_by: String,
    pub message: Option<String>,
    pub waited_ms: Option<i64>,
}

pub fn append(conn: &Connection, record: &Record) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO approvals (at_ms, session_id, pane, agent, tool, subject, label, reason,
                                decision, decided_by, message, waited_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            record.at_ms,
            record.session_id,
            record.pane,
            record.agent,
            record.tool,
            record.subject,
            record.label,
            record.reason,
            record.decision,
            record.decided_by,
            record.message,
            record.waited_ms,
        ],
    )?;
    Ok(())
}

/// The latest `limit` decisions, oldest first.
pub fn latest(conn: &Connection, limit: usize) -> rusqlite::Result<Vec<Record>> {
    let mut statement = conn.prepare(
        "SELECT at_ms, session_id, pane, agent, tool, subject, label, reason, decision,
                decided_by, message, waited_ms
         FROM approvals ORDER BY id DESC LIMIT ?1",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut rows = statement
        .query_map([limit], |row| {
            Ok(Record {
                at_ms: row.get(0)?,
                session_id: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
                pane: row.get(2)?,
                agent: row.get(3)?,
                tool: row.get(4)?,
                subject: row.get(5)?,
                label: row.get(6)?,
                reason: row.get(7)?,
                decision: row.get(8)?,
                decided_by: row.get(9)?,
                message: row.get(10)?,
                waited_ms: row.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.reverse();
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_appended_and_read_back_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::db::open(&dir.path().join("cco.db")).expect("db");
        for (index, decision) in ["allow", "deny", "allow_always"].iter().enumerate() {
            let record = Record {
                at_ms: 1000 + index as i64,
                session_id: "s".into(),
                tool: "Bash".into(),
                subject: format!("cmd {index}"),
                decision: (*decision).into(),
                decided_by: "person".into(),
                ..Record::default()
            };
            append(&conn, &record).expect("append");
        }
        let last_two = latest(&conn, 2).expect("latest");
        let decisions: Vec<&str> = last_two.iter().map(|r| r.decision.as_str()).collect();
        assert_eq!(decisions, ["deny", "allow_always"]);
        assert_eq!(last_two[1].subject, "cmd 2");
    }
}
