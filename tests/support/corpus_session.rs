//! Projects and sessions: preambles, turns, compaction, interruptions and each call's plan.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::text::{push_ts, BRANCHES, COMMANDS, FILES, NOUNS, VERBS};
use super::{
    encode_cwd, env, tool_millis, Block, Call, Ctx, Era, Gen, Kind, Project, Sink, Tool, Usage,
    Who, HAIKU, OPUS, OPUS_46, SONNET, SYNTHETIC, TOOLS,
};

impl Gen {
    pub(super) fn projects(&mut self, n: usize) -> Vec<Project> {
        const USERS: &[&str] = &["dev", "sam", "alex.k", "mlopez"];
        const ORGS: &[&str] = &["acme", "northwind", "initech", "globex"];
        const NAMES: &[&str] = &[
            "cco",
            "billing-api",
            "web-app",
            "infra",
            "ml-pipeline",
            "docs-site",
            "mobile",
            "payments",
            "search",
            "analytics",
            "auth-service",
            "cli-tools",
            "data-lake",
            "game-engine",
            "blog",
            "terraform",
            "k8s-charts",
            "notebooks",
            "compiler",
            "etl",
        ];
        let mut seen = std::collections::HashSet::new();
        let mut projects = Vec::new();
        while projects.len() < n {
            let (user, org, name) = (
                self.rng.pick(USERS),
                self.rng.pick(ORGS),
                self.rng.pick(NAMES),
            );
            let mut cwd = match self.rng.below(5) {
                0 | 1 => format!("/home/{user}/src/{name}"),
                2 => format!("/Users/{user}/work/{org}/{name}"),
                3 => format!(
                    "/home/{user}/code/{name}/.worktrees/{}",
                    self.rng.pick(BRANCHES)
                ),
                _ => format!("/srv/{org}.internal/{name}"),
            };
            cwd = cwd.replace("/HEAD", "/review");
            if !seen.insert(encode_cwd(&cwd)) {
                cwd = format!("{cwd}-{}", projects.len());
                if !seen.insert(encode_cwd(&cwd)) {
                    continue;
                }
            }
            projects.push(Project {
                dir: encode_cwd(&cwd),
                cwd,
            });
        }
        projects
    }

    pub(super) fn user_prompt(
        &mut self,
        ctx: &Ctx,
        who: &mut Who,
        out: &mut Sink,
    ) -> io::Result<()> {
        who.prompt_id = self.uuid();
        self.head(who, true);
        self.line
            .extend_from_slice(b"\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"");
        let bytes = self.rng.skewed(30, 2500) as usize;
        self.prose.take(&mut self.rng, &mut self.line, bytes);
        self.line.extend_from_slice(b"\"},");
        if !who.sidechain && ctx.era != Era::Inline {
            self.line
                .extend_from_slice(b"\"permissionMode\":\"default\",");
        }
        self.tail(ctx, who);
        who.pending += bytes as u64 / 4 + 10;
        self.emit(out)
    }

    /// A session: its preamble, turns until it has made its calls (or the corpus is full).
    pub(super) fn session(
        &mut self,
        dir: &Path,
        cwd: &str,
        start: i64,
        era: Era,
    ) -> io::Result<()> {
        fs::create_dir_all(dir)?;
        let id = self.uuid();
        let version = match era {
            Era::Inline => format!("1.0.{}", self.rng.range(80, 128)),
            Era::ProjectFiles => format!("2.0.{}", self.rng.range(10, 76)),
            Era::SubagentDirs => format!("2.1.{}", self.rng.range(1, 197)),
        };
        let branch = *self.rng.pick(BRANCHES);
        let model = match era {
            Era::SubagentDirs => {
                self.rng
                    .weighted(&[(SONNET, 55), (OPUS, 20), (HAIKU, 19), (OPUS_46, 6)])
            }
            _ => self.rng.weighted(&[(SONNET, 60), (OPUS, 25), (HAIKU, 15)]),
        };
        let ctx = Ctx {
            env: env(cwd, &id, &version, branch, era),
            id,
            cwd: cwd.to_string(),
            dir: dir.to_path_buf(),
            era,
            ttl_1h: era != Era::Inline && self.rng.chance(0.2),
        };
        let mut out = Sink::create(&dir.join(format!("{}.jsonl", ctx.id)))?;
        self.totals.files += 1;
        let sys = self.rng.range(14_000, 24_000);
        let mut who = Who::new(None, model, sys, start);

        self.preamble(&ctx, &mut out)?;
        let calls = if self.rng.chance(0.03) {
            self.rng.range(800, 2500)
        } else {
            let u = self.rng.unit();
            5 + (u * u * u * 600.0) as u64
        };
        let first_calls = self.totals.calls;
        let mut first = true;
        while self.totals.calls - first_calls < calls && self.totals.bytes < self.target {
            self.turn(&ctx, &mut who, &mut out, first)?;
            first = false;
            // Think time; now and then a long break (the 5-minute cache expires).
            who.t += if self.rng.chance(0.08) {
                self.rng.range(1_800_000, 7_200_000)
            } else {
                self.rng.skewed(8_000, 1_200_000)
            } as i64;
        }
        if era != Era::Inline {
            let leaf = who.parent.clone().unwrap_or_default();
            self.line.clear();
            w!(self.line, "{{\"type\":\"last-prompt\",\"lastPrompt\":\"");
            self.prose.one(&mut self.rng, &mut self.line);
            w!(
                self.line,
                "\",\"leafUuid\":\"{leaf}\",\"sessionId\":\"{}\"}}",
                ctx.id
            );
            self.emit(&mut out)?;
        }
        out.w.flush()
    }

    fn preamble(&mut self, ctx: &Ctx, out: &mut Sink) -> io::Result<()> {
        match ctx.era {
            Era::Inline => {
                for _ in 0..self.rng.weighted(&[(0, 6), (1, 3), (2, 1)]) {
                    let leaf = self.uuid();
                    self.line.clear();
                    w!(self.line, "{{\"type\":\"summary\",\"summary\":\"");
                    self.prose.one(&mut self.rng, &mut self.line);
                    w!(self.line, "\",\"leafUuid\":\"{leaf}\"}}");
                    self.emit(out)?;
                }
            }
            _ => {
                if ctx.era == Era::SubagentDirs && self.rng.chance(0.5) {
                    self.line.clear();
                    w!(
                        self.line,
                        "{{\"type\":\"ai-title\",\"aiTitle\":\"{} {}\",\"sessionId\":\"{}\"}}",
                        self.rng.pick(VERBS),
                        self.rng.pick(NOUNS),
                        ctx.id
                    );
                    self.emit(out)?;
                }
                self.line.clear();
                w!(self.line, "{{\"type\":\"permission-mode\",\"permissionMode\":\"default\",\"sessionId\":\"{}\"}}", ctx.id);
                self.emit(out)?;
            }
        }
        Ok(())
    }

    fn turn(&mut self, ctx: &Ctx, who: &mut Who, out: &mut Sink, first: bool) -> io::Result<()> {
        if who.context > 150_000 + self.rng.below(20_000) {
            self.compact(ctx, who, out)?;
        }
        if ctx.era != Era::Inline {
            if self.rng.chance(0.3) {
                for op in ["enqueue", "dequeue"] {
                    self.line.clear();
                    w!(
                        self.line,
                        "{{\"type\":\"queue-operation\",\"operation\":\"{op}\",\"timestamp\":\""
                    );
                    push_ts(&mut self.line, who.t);
                    w!(self.line, "\",\"sessionId\":\"{}\"}}", ctx.id);
                    self.emit(out)?;
                }
            }
            if self.rng.chance(0.6) {
                let id = self.uuid();
                self.line.clear();
                w!(self.line, "{{\"type\":\"file-history-snapshot\",\"messageId\":\"{id}\",\"snapshot\":{{\"messageId\":\"{id}\",\"trackedFileBackups\":{{}},\"timestamp\":\"");
                push_ts(&mut self.line, who.t);
                w!(self.line, "\"}},\"isSnapshotUpdate\":false}}");
                self.emit(out)?;
            }
        }
        self.user_prompt(ctx, who, out)?;
        if first && ctx.era != Era::Inline {
            for (kind, bytes) in [("agent_listing_delta", 2000), ("skill_listing", 5000)] {
                self.head(who, false);
                w!(
                    self.line,
                    "\"attachment\":{{\"type\":\"{kind}\",\"content\":\""
                );
                self.prose.take(&mut self.rng, &mut self.line, bytes);
                w!(
                    self.line,
                    "\",\"isInitial\":true}},\"type\":\"attachment\","
                );
                self.tail(ctx, who);
                self.emit(out)?;
            }
        }
        let steps = self.rng.skewed(1, 30);
        let turn_start = who.t;
        for step in 0..steps {
            who.t += self.rng.range(1_500, 25_000) as i64;
            let last = step + 1 == steps;
            let call = self.plan_call(ctx, who, last, TOOLS);
            self.write_call(ctx, who, out, None, &call)?;
            for block in &call.blocks {
                if let Block::Tool(tool) = block {
                    if tool.kind == Kind::Task {
                        self.subagent(ctx, who, out, tool)?;
                    } else {
                        self.tool_progress(ctx, who, out, tool)?;
                        who.t += tool_millis(&mut self.rng, tool.kind);
                        self.tool_result(ctx, who, out, tool)?;
                    }
                }
            }
            if self.totals.bytes >= self.target {
                break;
            }
        }
        if self.rng.chance(0.01) {
            self.interruption(ctx, who, out)?;
        }
        if ctx.era == Era::SubagentDirs && self.rng.chance(0.5) {
            self.head(who, false);
            w!(self.line, "\"type\":\"system\",\"subtype\":\"turn_duration\",\"durationMs\":{},\"messageCount\":{},\"isMeta\":false,", who.t - turn_start, 2 * steps + 1);
            self.tail(ctx, who);
            self.emit(out)?;
        }
        Ok(())
    }

    /// `/compact` or auto-compaction: the boundary, then the summary as a user line.
    fn compact(&mut self, ctx: &Ctx, who: &mut Who, out: &mut Sink) -> io::Result<()> {
        let logical = who.parent.take().unwrap_or_default();
        self.head(who, false);
        w!(self.line, "\"logicalParentUuid\":\"{logical}\",\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\",\"isMeta\":false,\"level\":\"info\",\"compactMetadata\":{{\"trigger\":\"auto\",\"preTokens\":{}}},", who.context);
        self.tail(ctx, who);
        self.emit(out)?;
        self.head(who, true);
        self.line.extend_from_slice(b"\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"This session is being continued from a previous conversation that ran out of context. The summary below covers the earlier portion of the conversation.\\n\\nSummary:\\n");
        let bytes = self.rng.range(2_000, 9_000) as usize;
        self.prose.take(&mut self.rng, &mut self.line, bytes);
        self.line.extend_from_slice(
            b"\"},\"isVisibleInTranscriptOnly\":true,\"isCompactSummary\":true,",
        );
        self.tail(ctx, who);
        self.emit(out)?;
        who.context = who.sys;
        who.pending = bytes as u64 / 4;
        Ok(())
    }

    /// The user interrupts: Claude Code writes a `<synthetic>` answer (or an API error).
    fn interruption(&mut self, ctx: &Ctx, who: &mut Who, out: &mut Sink) -> io::Result<()> {
        self.head(who, true);
        self.line.extend_from_slice(b"\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"[Request interrupted by user]\"}]},");
        self.tail(ctx, who);
        self.emit(out)?;
        let error = self.rng.chance(0.3);
        let id = self.uuid();
        who.t += 50;
        self.head(who, false);
        w!(self.line, "\"message\":{{\"id\":\"{id}\",\"container\":null,\"model\":\"{SYNTHETIC}\",\"role\":\"assistant\",\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"\",\"type\":\"message\",\"usage\":{{\"input_tokens\":0,\"output_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"server_tool_use\":{{\"web_search_requests\":0,\"web_fetch_requests\":0}},\"service_tier\":null,\"cache_creation\":{{\"ephemeral_1h_input_tokens\":0,\"ephemeral_5m_input_tokens\":0}}}},\"content\":[{{\"type\":\"text\",\"text\":\"{}\"}}]}},\"type\":\"assistant\",",
            if error { "API Error: 529 Overloaded. Retrying did not help; try again later." } else { "No response requested." });
        if error {
            self.line.extend_from_slice(b"\"isApiErrorMessage\":true,");
        }
        self.tail(ctx, who);
        self.totals.synthetic += 1;
        self.emit(out)
    }

    pub(super) fn plan_call(
        &mut self,
        ctx: &Ctx,
        who: &mut Who,
        last: bool,
        tools: &[(Kind, u32)],
    ) -> Call {
        let mut blocks = Vec::new();
        if ctx.era != Era::Inline && who.model != HAIKU && self.rng.chance(0.3) {
            blocks.push(Block::Thinking(self.rng.skewed(200, 6_000) as usize));
        }
        if last {
            blocks.push(Block::Text(self.rng.skewed(150, 5_000) as usize));
        } else {
            if self.rng.chance(0.55) {
                blocks.push(Block::Text(self.rng.skewed(60, 900) as usize));
            }
            let n = self.rng.weighted(&[(1, 75), (2, 18), (3, 7)]);
            for _ in 0..n {
                if blocks.len() == 4 {
                    break;
                }
                let kind = self.rng.weighted(tools);
                blocks.push(Block::Tool(self.tool(kind)));
            }
        }
        let mut output = 0;
        let mut web = 0;
        for block in &blocks {
            output += match block {
                Block::Thinking(bytes) | Block::Text(bytes) => *bytes as u64 / 4 + 5,
                Block::Tool(tool) => {
                    if tool.kind == Kind::WebSearch && ctx.era != Era::Inline {
                        web += self.rng.range(1, 3);
                    }
                    self.rng.range(30, 160) + tool.input as u64 / 4
                }
            };
        }
        let stop = if last { "end_turn" } else { "tool_use" };
        let usage = self.usage(ctx, who, output, web);
        Call {
            id: self.id("msg_01"),
            request: self.id("req_011C"),
            usage,
            blocks,
            stop,
        }
    }

    fn tool(&mut self, kind: Kind) -> Tool {
        let r = &mut self.rng;
        let (input, result) = match kind {
            Kind::Read => (0, r.skewed(600, 40_000)),
            Kind::Bash => (0, r.skewed(60, 24_000)),
            Kind::Edit => (r.skewed(80, 3_000), r.skewed(300, 3_000)),
            Kind::Write => (r.skewed(400, 12_000), 0),
            Kind::Grep => (0, r.skewed(150, 6_000)),
            Kind::Glob => (0, r.skewed(100, 3_000)),
            Kind::Todo => (r.range(200, 900), 0),
            Kind::WebSearch => (0, r.range(2_000, 9_000)),
            Kind::Task => (r.skewed(300, 2_500), 0),
        };
        let error = kind == Kind::Bash && r.chance(0.05);
        let (file, command) = (*r.pick(FILES), r.below(COMMANDS.len() as u64) as usize);
        Tool {
            id: self.id("toolu_01"),
            kind,
            input: input as usize,
            result: result as usize,
            file,
            command,
            error,
        }
    }

    /// Tokens of the next call of `who`, with the prompt cache as Claude Code uses it.
    fn usage(&mut self, ctx: &Ctx, who: &mut Who, output: u64, web: u64) -> Usage {
        let ttl = if ctx.ttl_1h { 3_600_000 } else { 300_000 };
        let new = who.pending.max(20);
        let (read, create) = if !who.warm || who.t - who.last_call > ttl {
            // The system prompt and tools may still be cached (another session, a compaction).
            let read = if self.rng.chance(0.6) { who.sys } else { 0 };
            (read, who.context.max(who.sys) + new - read)
        } else {
            (who.context, new)
        };
        let input = if self.rng.chance(0.05) {
            self.rng.skewed(30, 4_000)
        } else {
            self.rng.range(1, 9)
        };
        let (c5, c1) = if ctx.ttl_1h {
            let hour = create * self.rng.range(80, 100) / 100;
            (create - hour, hour)
        } else {
            (create, 0)
        };
        who.context = read + create;
        who.pending = output;
        who.warm = true;
        who.last_call = who.t;
        Usage {
            input,
            output,
            c5,
            c1,
            read,
            web,
        }
    }
}
