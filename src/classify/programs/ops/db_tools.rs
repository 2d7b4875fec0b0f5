//! Database dump, restore and admin tools: pg_dump, pg_restore, mysqldump, mysqladmin,
//! createdb/dropdb and the PostgreSQL server tools.

use super::{getopt, has_parsed, values_of, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::texts;

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    let verdict = match program {
        "pg_dump" | "pg_dumpall" => {
            let (options, _) = getopt(
                args,
                "fFdhpUnNtTZjESl",
                "",
                &[
                    "--file",
                    "--dbname",
                    "--host",
                    "--port",
                    "--username",
                    "--format",
                    "--schema",
                    "--table",
                    "--exclude-table",
                    "--exclude-schema",
                ],
            );
            match values_of(&options, &["-f", "--file"]).first() {
                Some(file) if !file.is("-") => {
                    Verdict::create(format!("{program} writes a dump to {}", file.text)).net()
                }
                _ => Verdict::read(format!("{program} prints a dump")).net(),
            }
        }
        "pg_restore" => {
            let (options, _) = getopt(
                args,
                "fFdhpUnNtTIPLjS",
                "",
                &[
                    "--file",
                    "--dbname",
                    "--host",
                    "--port",
                    "--username",
                    "--format",
                    "--use-list",
                ],
            );
            if has_parsed(&options, &["-d", "--dbname"]) {
                Verdict::update("pg_restore loads a dump into a database").net()
            } else if let Some(file) = values_of(&options, &["-f", "--file"])
                .first()
                .filter(|f| !f.is("-"))
            {
                Verdict::create(format!("pg_restore writes a script to {}", file.text))
            } else {
                Verdict::read("pg_restore prints the dump as SQL")
            }
        }
        "mysqldump" | "mariadb-dump" => {
            let writes = args.iter().any(|a| {
                a.is("-r")
                    || a.starts_with("--result-file")
                    || a.starts_with("--tab")
                    || (a.text.starts_with("-r") && !a.text.starts_with("--"))
            });
            if writes {
                Verdict::create(format!("{program} writes a dump file")).net()
            } else {
                Verdict::read(format!("{program} prints a dump")).net()
            }
        }
        "mysqladmin" | "mariadb-admin" => {
            let verbs: Vec<&str> = texts(args)
                .into_iter()
                .filter(|a| !a.starts_with('-'))
                .collect();
            let reads = verbs.iter().all(|v| {
                matches!(
                    *v,
                    "status" | "extended-status" | "processlist" | "variables" | "version" | "ping"
                )
            });
            if verbs.contains(&"drop") {
                Verdict::delete(format!("{program} drop removes a database")).net()
            } else if verbs.contains(&"create") {
                Verdict::create(format!("{program} create makes a database")).net()
            } else if reads {
                Verdict::read(format!("{program} reports server status")).net()
            } else {
                Verdict::update(format!("{program} changes the server")).net()
            }
        }
        "pg_isready" => Verdict::read("pg_isready checks a server").net(),
        "createdb" | "createuser" => {
            Verdict::create(format!("{program} creates a database object")).net()
        }
        "dropdb" | "dropuser" => {
            Verdict::delete(format!("{program} removes a database object")).net()
        }
        "pg_config" | "pg_controldata" | "pg_lsclusters" => {
            Verdict::read(format!("{program} prints information"))
        }
        "pg_ctl" | "pg_ctlcluster" if args.iter().any(|a| a.is("status")) => {
            Verdict::read(format!("{program} status reports the server"))
        }
        "pg_ctl" | "pg_ctlcluster" | "pg_upgrade" | "pg_basebackup" | "initdb" => {
            Verdict::update(format!("{program} changes a database cluster"))
        }
        _ => return None,
    };
    Some(verdict)
}
