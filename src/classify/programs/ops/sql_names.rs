//! Names the SQL judge needs: keywords that take parentheses, built-in functions without side
//! effects (a read query may call only these), and functions that change state.

/// Keywords followed by `(` that are syntax, not calls.
#[rustfmt::skip]
pub const KEYWORDS_BEFORE_PAREN: &[&str] = &[
    "in", "exists", "values", "as", "on", "using", "over", "filter", "within", "and", "or", "not",
    "from", "join", "where", "select", "any", "all", "some", "array", "row", "cast", "try_cast",
    "extract", "interval", "case", "when", "then", "else", "by", "lateral", "union", "intersect",
    "except", "having", "limit", "offset", "returning", "is", "between", "like", "ilike",
    "distinct", "table", "into", "key", "unique", "check", "references", "default", "to", "with",
    "position", "overlay", "trim", "substring", "grouping", "rollup", "cube", "sets",
    "tablesample", "include", "collate", "escape", "at", "only", "partition", "order", "group",
    "window", "rows", "range", "groups", "set", "top", "recursive", "materialized", "ordinality",
    "for", "of", "elseif", "if", "while", "return", "returns", "columns", "path", "nested",
    "format", "ignore", "respect", "nulls", "first", "last", "asc", "desc", "primary", "foreign",
    "constraint", "index", "do", "conflict", "matched", "apply", "pivot", "unpivot", "contains",
    "freetext", "convert", "coalesce", "nullif", "greatest", "least", "xmlelement", "xmlforest",
    "xmlattributes", "json_table", "xmltable", "unnest", "setof", "char", "character", "varchar",
    "nchar", "nvarchar", "varbinary", "binary", "decimal", "numeric", "float", "double", "real",
    "int", "integer", "bigint", "smallint", "tinyint", "time", "timestamp", "timestamptz",
    "timetz", "datetime2", "datetimeoffset", "bit", "varbit", "interval", "year", "month", "day",
    "hour", "minute", "second", "precision", "vector", "enum", "match", "against", "boolean",
    "bool", "text", "uuid", "json", "jsonb", "date", "datetime", "smalldatetime", "money", "blob",
    "clob", "nullable", "lowcardinality", "fixedstring", "datetime64", "decimal32", "decimal64",
    "decimal128", "nested", "tuple", "map", "cascade", "restrict", "like",
];

/// Schemas whose functions are the system's own.
pub const SYSTEM_SCHEMAS: &[&str] = &["pg_catalog", "information_schema", "sys", "main", "temp"];

/// Built-in functions that only compute (aggregates, strings, numbers, dates, JSON, arrays and
/// system information) across PostgreSQL, MySQL, SQLite, SQL Server and ClickHouse.
#[rustfmt::skip]
const KNOWN_FUNCTIONS: &[&str] = &[
    // Aggregates and windows.
    "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg",
    "json_object_agg", "jsonb_object_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or",
    "bit_xor", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
    "percentile_cont", "percentile_disc", "mode", "group_concat", "listagg", "corr", "covar_pop",
    "covar_samp", "regr_slope", "regr_intercept", "regr_count", "regr_r2", "xmlagg", "any_value",
    "median", "approx_count_distinct", "total", "count_big", "checksum_agg", "stdev", "stdevp",
    "var", "varp", "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag",
    "lead", "first_value", "last_value", "nth_value",
    // Conditionals and conversion.
    "coalesce", "nullif", "greatest", "least", "ifnull", "isnull", "nvl", "nvl2", "iif", "if",
    "decode", "convert", "try_convert", "parse", "try_parse", "to_char", "to_date", "to_timestamp",
    "to_number", "format", "typeof", "pg_typeof", "format_type", "likely", "unlikely",
    // Strings.
    "lower", "upper", "lcase", "ucase", "length", "len", "char_length", "character_length",
    "octet_length", "bit_length", "datalength", "substr", "substring", "mid", "trim", "ltrim",
    "rtrim", "btrim", "replace", "concat", "concat_ws", "left", "right", "lpad", "rpad", "strpos",
    "instr", "locate", "charindex", "patindex", "split_part", "string_to_array", "array_to_string",
    "regexp_replace", "regexp_matches", "regexp_match", "regexp_split_to_table",
    "regexp_split_to_array", "regexp_like", "regexp_substr", "regexp_count", "regexp_instr",
    "repeat", "replicate", "reverse", "initcap", "md5", "sha1", "sha2", "sha224", "sha256",
    "sha384", "sha512", "encode", "quote_ident", "quote_literal", "quote_nullable", "translate",
    "ascii", "chr", "char", "nchar", "unicode", "hex", "unhex", "space", "soundex", "difference",
    "stuff", "quotename", "string_split", "field", "elt", "find_in_set", "insert", "conv", "bin",
    "oct", "starts_with", "ends_with", "string_escape", "printf", "quote", "glob", "to_hex",
    "to_ascii", "normalize", "casefold", "crc32", "to_base64", "from_base64", "uuid",
    "gen_random_uuid", "uuid_generate_v4", "newid", "uuid_short", "random", "rand", "randomblob",
    "zeroblob", "left", "right", "truncate",
    // Numbers.
    "abs", "ceil", "ceiling", "floor", "round", "trunc", "mod", "power", "pow", "sqrt", "cbrt",
    "exp", "ln", "log", "log10", "log2", "sign", "pi", "radians", "degrees", "sin", "cos", "tan",
    "asin", "acos", "atan", "atan2", "cot", "div", "width_bucket", "gcd", "lcm", "factorial",
    "square", "scale", "setseed",
    // Dates and times.
    "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
    "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday", "date_trunc",
    "date_part", "date_bin", "age", "make_date", "make_time", "make_timestamp", "make_timestamptz",
    "make_interval", "justify_days", "justify_hours", "justify_interval", "isfinite", "date",
    "time", "datetime", "julianday", "strftime", "unixepoch", "timediff", "date_add", "date_sub",
    "adddate", "subdate", "addtime", "subtime", "datediff", "dateadd", "datename", "datepart",
    "datefromparts", "eomonth", "getdate", "getutcdate", "sysdatetime", "sysutcdatetime",
    "curdate", "curtime", "utc_timestamp", "utc_date", "utc_time", "unix_timestamp",
    "from_unixtime", "str_to_date", "date_format", "time_format", "year", "month", "day",
    "dayofweek", "dayofmonth", "dayofyear", "dayname", "monthname", "week", "weekday",
    "weekofyear", "yearweek", "hour", "minute", "second", "quarter", "last_day", "timestampdiff",
    "timestampadd", "sec_to_time", "time_to_sec", "to_days", "from_days", "period_add",
    "period_diff", "convert_tz", "sysdate", "today", "yesterday", "todate", "todatetime",
    "tostartofday", "tostartofhour", "tostartofminute", "tostartofmonth", "tostartofweek",
    "tostartofyear", "toyyyymm", "toyyyymmdd", "now64", "timezone",
    // JSON, arrays, ranges and sets.
    "json_extract", "json_extract_path", "json_extract_path_text", "jsonb_extract_path",
    "jsonb_extract_path_text", "json_build_object", "jsonb_build_object", "json_build_array",
    "jsonb_build_array", "json_object", "json_array", "to_json", "to_jsonb", "row_to_json",
    "array_to_json", "json_array_length", "jsonb_array_length", "json_each", "jsonb_each",
    "json_each_text", "jsonb_each_text", "json_array_elements", "jsonb_array_elements",
    "json_array_elements_text", "jsonb_array_elements_text", "json_object_keys",
    "jsonb_object_keys", "json_typeof", "jsonb_typeof", "jsonb_pretty", "jsonb_set",
    "jsonb_insert", "jsonb_strip_nulls", "json_strip_nulls", "json_populate_record",
    "jsonb_populate_record", "json_to_record", "jsonb_to_record", "json_to_recordset",
    "jsonb_to_recordset", "jsonb_path_query", "jsonb_path_query_array", "jsonb_path_exists",
    "jsonb_path_match", "jsonb_path_query_first", "json_value", "json_query", "json_unquote",
    "json_contains", "json_contains_path", "json_keys", "json_length", "json_valid", "json_type",
    "json_set", "json_insert", "json_replace", "json_remove", "json_merge_patch",
    "json_merge_preserve", "json_search", "json_pretty", "json_quote", "json_depth",
    "json_group_array", "json_group_object", "json_tree", "json_patch", "json_arrayagg",
    "json_objectagg", "json_overlaps", "isjson", "openjson", "json_modify", "json", "jsonb",
    "json_exists", "array_length", "cardinality", "array_append", "array_prepend", "array_cat",
    "array_position", "array_positions", "array_remove", "array_replace", "array_dims",
    "array_lower", "array_upper", "array_ndims", "array_fill", "generate_series",
    "generate_subscripts", "lower_inf", "upper_inf", "isempty", "range_merge", "int4range",
    "int8range", "numrange", "tsrange", "tstzrange", "daterange", "to_tsvector", "to_tsquery",
    "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery", "ts_rank", "ts_rank_cd",
    "ts_headline", "setweight", "similarity", "word_similarity", "levenshtein", "point",
    "st_distance", "st_astext", "st_geomfromtext", "st_x", "st_y", "st_contains", "st_intersects",
    "st_dwithin", "st_makepoint", "st_setsrid", "st_transform", "st_area", "st_length",
    "st_buffer", "earth_distance", "ll_to_earth", "inet", "host", "masklen", "network", "family",
    "inet_aton", "inet_ntoa", "inet6_aton", "inet6_ntoa", "crypt", "gen_salt", "digest", "hmac",
    "pgp_sym_decrypt", "uniq", "uniqexact", "countif", "sumif", "avgif", "grouparray", "arrayjoin",
    "has", "empty", "notempty", "lengthutf8", "tostring", "toint32", "toint64", "touint32",
    "touint64", "tofloat64", "formatreadablesize", "formatreadablequantity", "quantile",
    "quantiles", "topk", "argmax", "argmin", "any", "anylast", "multiif", "splitbychar",
    "splitbystring", "replaceall", "replaceregexpall", "positioncaseinsensitive",
    "jsonextractstring", "jsonextractint", "jsonextractraw", "visitparamextractstring", "ifnull",
    "assumenotnull", "tuple", "tupleelement",
    // Table functions that read files or URLs (ClickHouse, DuckDB).
    "file", "url", "s3", "numbers", "generaterandom", "zeros", "read_csv", "read_csv_auto",
    "read_parquet", "read_json", "read_json_auto", "parquet_scan", "hdfs", "gcs",
    "azureblobstorage", "iceberg", "deltalake", "read_text", "read_ndjson",
    // System information and catalogue helpers.
    "version", "current_user", "session_user", "user", "system_user", "database",
    "current_database", "current_schema", "current_schemas", "current_setting", "current_role",
    "current_catalog", "schema", "pg_backend_pid", "pg_postmaster_start_time", "pg_conf_load_time",
    "inet_server_addr", "inet_server_port", "inet_client_addr", "inet_client_port",
    "pg_size_pretty", "pg_size_bytes", "pg_database_size", "pg_relation_size",
    "pg_total_relation_size", "pg_table_size", "pg_indexes_size", "pg_column_size",
    "pg_tablespace_size", "pg_is_in_recovery", "pg_last_wal_receive_lsn", "pg_last_wal_replay_lsn",
    "pg_current_wal_lsn", "pg_current_wal_insert_lsn", "pg_wal_lsn_diff",
    "pg_last_xact_replay_timestamp", "pg_get_viewdef", "pg_get_functiondef",
    "pg_get_function_arguments", "pg_get_function_result", "pg_get_indexdef",
    "pg_get_constraintdef", "pg_get_triggerdef", "pg_get_ruledef", "pg_get_expr",
    "pg_get_userbyid", "pg_get_serial_sequence", "pg_get_keywords", "obj_description",
    "col_description", "shobj_description", "has_table_privilege", "has_schema_privilege",
    "has_database_privilege", "has_column_privilege", "has_function_privilege",
    "has_sequence_privilege", "has_any_column_privilege", "pg_has_role", "to_regclass",
    "to_regtype", "to_regproc", "to_regnamespace", "to_regrole", "pg_relation_filepath",
    "pg_relation_filenode", "pg_blocking_pids", "pg_sleep", "pg_sleep_for", "pg_stat_file",
    "pg_ls_dir", "pg_ls_waldir", "pg_ls_logdir", "pg_read_file", "txid_current",
    "txid_current_if_assigned", "pg_current_xact_id", "pg_xact_commit_timestamp",
    "pg_stat_get_activity", "pg_stat_get_backend_pid", "pg_stat_get_numscans", "pg_get_partkeydef",
    "pg_tablespace_location", "pg_encoding_to_char", "pg_client_encoding", "pg_jit_available",
    "pg_control_system", "pg_control_checkpoint", "pg_walfile_name",
    "pg_get_wal_replay_pause_state", "pg_is_wal_replay_paused", "pg_postmaster_pid",
    "pg_available_extensions", "pg_available_extension_versions", "pg_options_to_table",
    "pg_indexam_has_property", "pg_index_has_property", "pg_index_column_has_property",
    "pg_get_statisticsobjdef", "pg_get_object_address", "pg_describe_object", "pg_identify_object",
    "pg_settings_get_flags", "pg_input_is_valid", "regclass", "sqlite_version", "sqlite_source_id",
    "last_insert_rowid", "changes", "total_changes", "found_rows", "row_count", "last_insert_id",
    "connection_id", "sleep", "benchmark", "object_id", "object_name", "db_name", "db_id",
    "schema_name", "schema_id", "suser_sname", "suser_name", "user_name", "serverproperty",
    "databasepropertyex", "objectproperty", "columnproperty", "type_name", "host_name", "app_name",
    "scope_identity", "ident_current", "error_message", "error_number", "hostname", "uptime",
    "currentdatabase", "currentuser",
];

/// Functions that change state even when called from a SELECT.
#[rustfmt::skip]
const SIDE_EFFECT_FUNCTIONS: &[&str] = &[
    "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
    "set_config", "nextval", "setval", "lo_import", "lo_export", "lo_unlink", "lo_create",
    "lo_creat", "lo_from_bytea", "lo_put", "lo_truncate", "dblink", "dblink_exec",
    "dblink_connect", "dblink_send_query", "dblink_open", "pg_advisory_lock",
    "pg_advisory_xact_lock", "pg_try_advisory_lock", "pg_switch_wal", "pg_promote",
    "pg_start_backup", "pg_stop_backup", "pg_backup_start", "pg_backup_stop", "pg_notify",
    "pg_signal_backend", "pg_log_backend_memory_contexts", "pg_wal_replay_pause",
    "pg_wal_replay_resume", "pg_import_system_collations", "pg_read_binary_file", "query_to_xml",
    "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "load_extension",
    "writefile", "edit", "fts3_tokenizer", "sys_exec", "sys_eval", "openrowset", "openquery",
    "opendatasource", "get_lock", "release_lock", "xp_cmdshell", "sp_executesql", "pg_write_file",
    "pg_copy_logical_replication_slot",
];

#[rustfmt::skip]
const SIDE_EFFECT_PREFIXES: &[&str] = &[
    "pg_create_", "pg_drop_", "pg_replication_origin_", "pg_stat_reset", "pg_file_", "pg_logical_",
    "pg_replication_slot_", "pg_advisory_unlock", "lo_",
];

pub fn is_known_function(name: &str) -> bool {
    KNOWN_FUNCTIONS.contains(&name)
}

pub fn is_side_effect_function(name: &str) -> bool {
    SIDE_EFFECT_FUNCTIONS.contains(&name)
        || SIDE_EFFECT_PREFIXES.iter().any(|p| name.starts_with(p))
}
