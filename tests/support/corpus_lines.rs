//! The JSONL lines of API calls, progress, tool results and sub-agents; each call counted once.

use std::fs;
use std::io::{self, Write};

use super::text::{escape_into, ident, push_base62, push_ts, COMMANDS, FILES, NOUNS, VERBS};
use super::{
    tool_millis, Block, Call, Ctx, Era, Gen, Kind, Sink, Tool, Usage, Who, DAY_MS, HAIKU, SONNET,
    SUB_TOOLS,
};

impl Gen {
    fn account(&mut self, usage: &Usage, day: i64, sidechain: bool) {
        let t = &mut self.totals;
        t.calls += 1;
        t.input += usage.input;
        t.output += usage.output;
        t.cache_create += usage.c5 + usage.c1;
        t.cache_create_1h += usage.c1;
        t.cache_read += usage.read;
        t.web_search += usage.web;
        t.sidechain_calls += u64::from(sidechain);
        let d = self.days.entry(day).or_default();
        d.calls += 1;
        d.input += usage.input;
        d.output += usage.output;
        d.cache_create += usage.c5 + usage.c1;
        d.cache_read += usage.read;
        d.web_search += usage.web;
    }

    /// The usage object in the shape of the session's Claude Code version.
    fn push_usage(out: &mut Vec<u8>, era: Era, u: &Usage) {
        let create = u.c5 + u.c1;
        match era {
            Era::Inline => w!(out, "{{\"input_tokens\":{},\"cache_creation_input_tokens\":{create},\"cache_read_input_tokens\":{},\"output_tokens\":{},\"service_tier\":\"standard\"}}", u.input, u.read, u.output),
            Era::ProjectFiles => w!(out, "{{\"input_tokens\":{},\"cache_creation_input_tokens\":{create},\"cache_read_input_tokens\":{},\"cache_creation\":{{\"ephemeral_5m_input_tokens\":{},\"ephemeral_1h_input_tokens\":{}}},\"output_tokens\":{},\"service_tier\":\"standard\",\"server_tool_use\":{{\"web_search_requests\":{},\"web_fetch_requests\":0}}}}", u.input, u.read, u.c5, u.c1, u.output, u.web),
            Era::SubagentDirs => w!(out, "{{\"input_tokens\":{},\"cache_creation_input_tokens\":{create},\"cache_read_input_tokens\":{},\"output_tokens\":{},\"server_tool_use\":{{\"web_search_requests\":{},\"web_fetch_requests\":0}},\"service_tier\":\"standard\",\"cache_creation\":{{\"ephemeral_1h_input_tokens\":{},\"ephemeral_5m_input_tokens\":{}}},\"inference_geo\":\"\",\"iterations\":[],\"speed\":\"standard\"}}", u.input, u.read, u.output, u.web, u.c1, u.c5),
        }
    }

    /// The `message` object of one content block of `call` into `self.msg`.
    fn render_message(&mut self, ctx: &Ctx, who: &Who, call: &Call, block: &Block, last: bool) {
        let m = &mut self.msg;
        m.clear();
        w!(m, "{{\"id\":\"{}\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"{}\",\"content\":[", call.id, who.model);
        match block {
            Block::Thinking(bytes) => {
                m.extend_from_slice(b"{\"type\":\"thinking\",\"thinking\":\"");
                self.prose.take(&mut self.rng, m, *bytes);
                m.extend_from_slice(b"\",\"signature\":\"");
                for _ in 0..self.rng.range(20, 80) {
                    let mut s = String::new();
                    push_base62(&mut s, self.rng.next());
                    m.extend_from_slice(s.as_bytes());
                }
                m.extend_from_slice(b"\"}");
            }
            Block::Text(bytes) => {
                m.extend_from_slice(b"{\"type\":\"text\",\"text\":\"");
                self.prose.take(&mut self.rng, m, *bytes);
                m.extend_from_slice(b"\"}");
            }
            Block::Tool(tool) => {
                let name = match tool.kind {
                    Kind::Read => "Read",
                    Kind::Bash => "Bash",
                    Kind::Edit => "Edit",
                    Kind::Write => "Write",
                    Kind::Grep => "Grep",
                    Kind::Glob => "Glob",
                    Kind::Todo => "TodoWrite",
                    Kind::WebSearch => "WebSearch",
                    Kind::Task if ctx.era == Era::SubagentDirs => "Agent",
                    Kind::Task => "Task",
                };
                w!(
                    m,
                    "{{\"type\":\"tool_use\",\"id\":\"{}\",\"name\":\"{name}\",\"input\":{{",
                    tool.id
                );
                let path = format!("{}/{}", ctx.cwd, tool.file);
                match tool.kind {
                    Kind::Read => w!(m, "\"file_path\":\"{path}\""),
                    Kind::Bash => {
                        let (command, description) = COMMANDS[tool.command];
                        m.extend_from_slice(b"\"command\":\"");
                        escape_into(m, command);
                        w!(m, "\",\"description\":\"{description}\"");
                    }
                    Kind::Edit => {
                        w!(m, "\"file_path\":\"{path}\",\"old_string\":\"");
                        self.code.take(&mut self.rng, m, tool.input / 2);
                        m.extend_from_slice(b"\",\"new_string\":\"");
                        self.code.take(&mut self.rng, m, tool.input / 2);
                        m.extend_from_slice(b"\"");
                    }
                    Kind::Write => {
                        w!(m, "\"file_path\":\"{path}\",\"content\":\"");
                        self.code.take(&mut self.rng, m, tool.input);
                        m.extend_from_slice(b"\"");
                    }
                    Kind::Grep => w!(m, "\"pattern\":\"{}\",\"path\":\"{}\",\"output_mode\":\"content\",\"-n\":true", ident(&mut self.rng), ctx.cwd),
                    Kind::Glob => w!(m, "\"pattern\":\"**/*.{}\"", self.rng.pick(&["rs", "ts", "py", "go", "md"])),
                    Kind::Todo => {
                        m.extend_from_slice(b"\"todos\":[");
                        for i in 0..tool.input / 150 {
                            if i > 0 {
                                m.push(b',');
                            }
                            let status = self.rng.pick(&["pending", "in_progress", "completed"]);
                            m.extend_from_slice(b"{\"content\":\"");
                            self.prose.one(&mut self.rng, m);
                            w!(m, "\",\"status\":\"{status}\",\"activeForm\":\"Working on it\"}}");
                        }
                        m.extend_from_slice(b"]");
                    }
                    Kind::WebSearch => {
                        m.extend_from_slice(b"\"query\":\"");
                        self.prose.one(&mut self.rng, m);
                        m.extend_from_slice(b"\"");
                    }
                    Kind::Task => {
                        w!(m, "\"description\":\"{} the {}\",\"prompt\":\"", self.rng.pick(VERBS), self.rng.pick(NOUNS));
                        self.prose.take(&mut self.rng, m, tool.input);
                        w!(m, "\",\"subagent_type\":\"{}\"", self.rng.pick(&["general-purpose", "Explore", "Plan"]));
                    }
                }
                m.extend_from_slice(b"}}");
            }
        }
        let stop = if last || ctx.era == Era::SubagentDirs {
            format!("\"{}\"", call.stop)
        } else {
            "null".into()
        };
        w!(
            m,
            "],\"stop_reason\":{stop},\"stop_sequence\":null,\"usage\":"
        );
        Self::push_usage(m, ctx.era, &call.usage);
        if ctx.era == Era::SubagentDirs {
            m.extend_from_slice(b",\"stop_details\":null");
        }
        m.push(b'}');
    }

    /// The assistant lines of one call (one per block, same id, request and usage); with
    /// `progress`, a progress line in the parent repeating each (sub-agents of 2.0.x/2.1.x).
    pub(super) fn write_call(
        &mut self,
        ctx: &Ctx,
        who: &mut Who,
        out: &mut Sink,
        mut progress: Option<(&mut Sink, &mut Who, &str)>,
        call: &Call,
    ) -> io::Result<()> {
        let day = who.t.div_euclid(DAY_MS);
        for (i, block) in call.blocks.iter().enumerate() {
            if i > 0 {
                // Streaming: the next block a moment later, never on the next day.
                let t = who.t + self.rng.range(30, 1_500) as i64;
                if t.div_euclid(DAY_MS) == day {
                    who.t = t;
                }
            }
            let last = i + 1 == call.blocks.len();
            self.render_message(ctx, who, call, block, last);
            self.head(who, false);
            self.line.extend_from_slice(b"\"message\":");
            self.line.extend_from_slice(&self.msg);
            w!(
                self.line,
                ",\"requestId\":\"{}\",\"type\":\"assistant\",",
                call.request
            );
            let uuid = self.uuid();
            {
                let l = &mut self.line;
                w!(l, "\"uuid\":\"{uuid}\",\"timestamp\":\"");
                push_ts(l, who.t);
                w!(l, "\",{}}}", ctx.env);
            }
            self.emit(out)?;
            if let Some((parent_out, parent, tool_id)) = progress.as_mut() {
                self.progress_line(ctx, parent, who, tool_id, Some(&call.request), &uuid)?;
                self.emit(parent_out)?;
                self.totals.progress_repeats += 1;
            }
            who.parent = Some(uuid);
        }
        self.account(&call.usage, day, who.sidechain);
        Ok(())
    }

    /// `type: "progress"` in the parent, repeating the sub-agent message in `self.msg` (an
    /// assistant message when `request` is given, else the sub-agent's prompt).
    fn progress_line(
        &mut self,
        ctx: &Ctx,
        parent: &mut Who,
        agent: &Who,
        tool_id: &str,
        request: Option<&str>,
        uuid: &str,
    ) -> io::Result<()> {
        self.head(parent, false);
        self.line
            .extend_from_slice(b"\"type\":\"progress\",\"data\":{\"message\":{");
        match request {
            Some(request) => {
                self.line
                    .extend_from_slice(b"\"type\":\"assistant\",\"message\":");
                self.line.extend_from_slice(&self.msg);
                w!(self.line, ",\"requestId\":\"{request}\",");
            }
            None => {
                self.line.extend_from_slice(
                    b"\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"",
                );
                self.line.extend_from_slice(&self.msg);
                self.line.extend_from_slice(b"\"},");
            }
        }
        w!(self.line, "\"uuid\":\"{uuid}\",\"timestamp\":\"");
        push_ts(&mut self.line, agent.t);
        w!(self.line, "\"}},\"normalizedMessages\":[],\"type\":\"agent_progress\",\"prompt\":\"\",\"agentId\":\"{}\"}},\"toolUseID\":\"agent_msg_{}\",\"parentToolUseID\":\"{tool_id}\",", agent.agent.as_deref().unwrap_or_default(), &uuid[..8]);
        let progress_uuid = self.uuid();
        w!(self.line, "\"uuid\":\"{progress_uuid}\",\"timestamp\":\"");
        push_ts(&mut self.line, agent.t + 3);
        w!(self.line, "\",{}}}", ctx.env);
        parent.parent = Some(progress_uuid);
        Ok(())
    }

    /// A running Bash command reports its output (2.0.x and 2.1.x), without usage.
    pub(super) fn tool_progress(
        &mut self,
        ctx: &Ctx,
        who: &mut Who,
        out: &mut Sink,
        tool: &Tool,
    ) -> io::Result<()> {
        if tool.kind != Kind::Bash || ctx.era == Era::Inline || !self.rng.chance(0.2) {
            return Ok(());
        }
        for k in 0..self.rng.range(1, 3) {
            who.t += self.rng.range(1_000, 3_000) as i64;
            self.head(who, false);
            self.line.extend_from_slice(
                b"\"type\":\"progress\",\"data\":{\"type\":\"bash_progress\",\"output\":\"",
            );
            let bytes = self.rng.skewed(100, 2_000) as usize;
            self.output.take(&mut self.rng, &mut self.line, bytes);
            w!(self.line, "\",\"elapsedTimeSeconds\":{},\"totalLines\":{}}},\"toolUseID\":\"bash-progress-{k}\",\"parentToolUseID\":\"{}\",", k + 1, bytes / 60, tool.id);
            self.tail(ctx, who);
            self.emit(out)?;
        }
        Ok(())
    }

    /// The user line carrying a tool's result, with Claude Code's `toolUseResult`.
    pub(super) fn tool_result(
        &mut self,
        ctx: &Ctx,
        who: &mut Who,
        out: &mut Sink,
        tool: &Tool,
    ) -> io::Result<()> {
        let source = who.parent.clone().unwrap_or_default();
        if ctx.era == Era::SubagentDirs
            && !who.sidechain
            && tool.kind == Kind::Bash
            && self.rng.chance(0.3)
        {
            self.head(who, false);
            w!(self.line, "\"attachment\":{{\"type\":\"hook_success\",\"hookName\":\"PreToolUse:Bash\",\"toolUseID\":\"{}\",\"hookEvent\":\"PreToolUse\",\"content\":\"\",\"stdout\":\"{{}}\\n\",\"stderr\":\"\",\"exitCode\":0,\"command\":\"cco hook PreToolUse\",\"durationMs\":{}}},\"type\":\"attachment\",", tool.id, self.rng.range(3, 90));
            self.tail(ctx, who);
            self.emit(out)?;
        }
        self.head(who, true);
        w!(self.line, "\"type\":\"user\",\"message\":{{\"role\":\"user\",\"content\":[{{\"tool_use_id\":\"{}\",\"type\":\"tool_result\",\"content\":\"", tool.id);
        let path = format!("{}/{}", ctx.cwd, tool.file);
        let mut tokens = 0;
        match tool.kind {
            Kind::Read => {
                let lines = self
                    .code
                    .take_numbered(&mut self.rng, &mut self.line, tool.result, 1);
                w!(self.line, "\",\"is_error\":false}}]}},");
                w!(self.line, "\"toolUseResult\":{{\"type\":\"text\",\"file\":{{\"filePath\":\"{path}\",\"content\":\"");
                self.code
                    .take(&mut self.rng, &mut self.line, tool.result * 9 / 10);
                w!(
                    self.line,
                    "\",\"numLines\":{lines},\"startLine\":1,\"totalLines\":{lines}}}}},"
                );
                tokens += tool.result / 4;
            }
            Kind::Bash => {
                if tool.error {
                    self.line.extend_from_slice(b"Exit code 1\\n");
                }
                let start = self.line.len();
                self.output.take(&mut self.rng, &mut self.line, tool.result);
                let text = self.line[start..].to_vec();
                w!(self.line, "\",\"is_error\":{}}}]}},", tool.error);
                self.line
                    .extend_from_slice(b"\"toolUseResult\":{\"stdout\":\"");
                self.line.extend_from_slice(&text);
                self.line.extend_from_slice(
                    b"\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false},",
                );
                tokens += tool.result / 4;
            }
            Kind::Edit => {
                w!(self.line, "The file {path} has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\\n");
                let first = self.rng.range(1, 800);
                self.code
                    .take_numbered(&mut self.rng, &mut self.line, tool.result, first);
                w!(self.line, "\",\"is_error\":false}}]}},");
                w!(
                    self.line,
                    "\"toolUseResult\":{{\"filePath\":\"{path}\",\"oldString\":\""
                );
                self.code
                    .take(&mut self.rng, &mut self.line, tool.input / 2);
                self.line.extend_from_slice(b"\",\"newString\":\"");
                self.code
                    .take(&mut self.rng, &mut self.line, tool.input / 2);
                self.line.extend_from_slice(b"\",\"originalFile\":\"");
                let original = self.rng.skewed(1_500, 30_000) as usize;
                self.code.take(&mut self.rng, &mut self.line, original);
                w!(self.line, "\",\"structuredPatch\":[{{\"oldStart\":{first},\"oldLines\":3,\"newStart\":{first},\"newLines\":4,\"lines\":[\"-");
                self.code.one(&mut self.rng, &mut self.line);
                self.line.extend_from_slice(b"\",\"+");
                self.code.one(&mut self.rng, &mut self.line);
                self.line
                    .extend_from_slice(b"\"]}],\"userModified\":false,\"replaceAll\":false},");
                tokens += tool.result / 4 + 60;
            }
            Kind::Write => {
                w!(
                    self.line,
                    "File created successfully at: {path}\",\"is_error\":false}}]}},"
                );
                w!(self.line, "\"toolUseResult\":{{\"type\":\"create\",\"filePath\":\"{path}\",\"content\":\"");
                self.code.take(&mut self.rng, &mut self.line, tool.input);
                self.line.extend_from_slice(b"\",\"structuredPatch\":[]},");
                tokens += 20;
            }
            Kind::Grep | Kind::Glob => {
                let start = self.line.len();
                let mut files = 0;
                while self.line.len() - start < tool.result {
                    let file = self.rng.pick(FILES);
                    if tool.kind == Kind::Grep {
                        w!(self.line, "{}/{file}:{}:", ctx.cwd, self.rng.range(1, 900));
                        self.code.one(&mut self.rng, &mut self.line);
                    } else {
                        w!(self.line, "{}/{file}", ctx.cwd);
                    }
                    self.line.extend_from_slice(b"\\n");
                    files += 1;
                }
                w!(self.line, "\",\"is_error\":false}}]}},");
                w!(self.line, "\"toolUseResult\":{{\"mode\":\"content\",\"numFiles\":{files},\"filenames\":[],\"numLines\":{files}}},");
                tokens += tool.result / 4;
            }
            Kind::Todo => {
                w!(self.line, "Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable\",\"is_error\":false}}]}},");
                self.line.extend_from_slice(
                    b"\"toolUseResult\":{\"oldTodos\":[],\"newTodos\":[{\"content\":\"",
                );
                self.prose.one(&mut self.rng, &mut self.line);
                self.line.extend_from_slice(
                    b"\",\"status\":\"in_progress\",\"activeForm\":\"Working on it\"}]},",
                );
                tokens += 40;
            }
            Kind::WebSearch => {
                self.line
                    .extend_from_slice(b"Web search results for query: \\\"");
                self.prose.one(&mut self.rng, &mut self.line);
                self.line.extend_from_slice(b"\\\"\\n\\n");
                self.prose.take(&mut self.rng, &mut self.line, tool.result);
                w!(self.line, "\",\"is_error\":false}}]}},");
                w!(self.line, "\"toolUseResult\":{{\"query\":\"web\",\"results\":[{{\"tool_use_id\":\"srvtoolu_01\",\"content\":[{{\"title\":\"Docs\",\"url\":\"https://example.com/docs/{}\"}}]}}],\"durationSeconds\":{}.{}}},", ident(&mut self.rng), self.rng.range(1, 9), self.rng.below(10));
                tokens += tool.result / 4;
            }
            Kind::Task => unreachable!("sub-agent results are written by `subagent`"),
        }
        w!(self.line, "\"sourceToolAssistantUUID\":\"{source}\",");
        self.tail(ctx, who);
        who.pending += tokens as u64 + 15;
        self.emit(out)
    }

    /// A sub-agent: its prompt, its calls and tool results in its own file (2.0.x, 2.1.x) or
    /// inline (1.0.x), then the Task result in the parent.
    pub(super) fn subagent(
        &mut self,
        ctx: &Ctx,
        parent: &mut Who,
        out: &mut Sink,
        task: &Tool,
    ) -> io::Result<()> {
        let agent_id = match ctx.era {
            Era::Inline => None,
            Era::ProjectFiles => Some(self.hex(16)),
            Era::SubagentDirs => Some(format!("a{}", self.hex(16))),
        };
        let model = self
            .rng
            .weighted(&[(HAIKU, 45), (SONNET, 40), (parent.model, 15)]);
        let sys = self.rng.range(6_000, 14_000);
        let mut who = Who::new(
            agent_id.clone(),
            model,
            sys,
            parent.t + self.rng.range(100, 400) as i64,
        );
        who.sidechain = true;
        who.prompt_id = parent.prompt_id.clone();
        let mut own = match (&agent_id, ctx.era) {
            (Some(id), Era::ProjectFiles) => {
                Some(Sink::create(&ctx.dir.join(format!("agent-{id}.jsonl")))?)
            }
            (Some(id), _) => {
                let dir = ctx.dir.join(&ctx.id).join("subagents");
                fs::create_dir_all(&dir)?;
                let meta = format!(
                    "{{\"agentType\":\"general-purpose\",\"description\":\"{} the {}\",\"toolUseId\":\"{}\",\"spawnDepth\":1}}",
                    self.rng.pick(VERBS), self.rng.pick(NOUNS), task.id
                );
                fs::write(dir.join(format!("agent-{id}.meta.json")), &meta)?;
                self.totals.bytes += meta.len() as u64;
                Some(Sink::create(&dir.join(format!("agent-{id}.jsonl")))?)
            }
            (None, _) => None,
        };
        if own.is_some() {
            self.totals.files += 1;
        }
        let started = who.t;

        // The prompt.
        self.head(&who, true);
        self.line
            .extend_from_slice(b"\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"");
        let prompt_start = self.line.len();
        self.prose.take(&mut self.rng, &mut self.line, task.input);
        let prompt = self.line[prompt_start..].to_vec();
        self.line.extend_from_slice(b"\"},");
        let prompt_uuid = self.uuid();
        w!(self.line, "\"uuid\":\"{prompt_uuid}\",\"timestamp\":\"");
        push_ts(&mut self.line, who.t);
        w!(self.line, "\",{}}}", ctx.env);
        who.parent = Some(prompt_uuid.clone());
        who.pending = task.input as u64 / 4;
        match own.as_mut() {
            Some(sink) => {
                self.emit(sink)?;
                self.msg = prompt;
                self.progress_line(ctx, parent, &who, &task.id, None, &prompt_uuid)?;
                self.emit(out)?;
            }
            None => self.emit(out)?,
        }

        let steps = self.rng.range(2, 6) + self.rng.skewed(1, 20);
        let (mut tools, mut tokens, mut last_usage) = (0, 0, Usage::default());
        for step in 0..steps {
            who.t += self.rng.range(1_000, 12_000) as i64;
            let last = step + 1 == steps;
            let call = self.plan_call(ctx, &mut who, last, SUB_TOOLS);
            match own.as_mut() {
                Some(sink) => self.write_call(
                    ctx,
                    &mut who,
                    sink,
                    Some((&mut *out, &mut *parent, &task.id)),
                    &call,
                )?,
                None => self.write_call(ctx, &mut who, out, None, &call)?,
            }
            last_usage = call.usage;
            let u = &call.usage;
            tokens += u.input + u.output + u.c5 + u.c1 + u.read;
            for block in &call.blocks {
                if let Block::Tool(tool) = block {
                    tools += 1;
                    who.t += tool_millis(&mut self.rng, tool.kind);
                    match own.as_mut() {
                        Some(sink) => self.tool_result(ctx, &mut who, sink, tool)?,
                        None => self.tool_result(ctx, &mut who, out, tool)?,
                    }
                }
            }
        }
        if let Some(mut sink) = own {
            sink.w.flush()?;
        }

        // The Task result in the parent.
        parent.t = who.t + self.rng.range(50, 300) as i64;
        let source = parent.parent.clone().unwrap_or_default();
        let duration = parent.t - started;
        self.head(parent, true);
        w!(self.line, "\"type\":\"user\",\"message\":{{\"role\":\"user\",\"content\":[{{\"tool_use_id\":\"{}\",\"type\":\"tool_result\",\"content\":[{{\"type\":\"text\",\"text\":\"", task.id);
        let report_start = self.line.len();
        let report_bytes = self.rng.skewed(300, 6_000) as usize;
        self.prose.take(&mut self.rng, &mut self.line, report_bytes);
        let report = self.line[report_start..].to_vec();
        let agent = agent_id.as_deref().unwrap_or("inline");
        w!(self.line, "\"}},{{\"type\":\"text\",\"text\":\"agentId: {agent} (use SendMessage with to: '{agent}' to continue this agent)\\n<usage>subagent_tokens: {tokens}\\ntool_uses: {tools}\\nduration_ms: {duration}</usage>\"}}]}}]}},");
        w!(self.line, "\"toolUseResult\":{{\"status\":\"completed\",\"prompt\":\"\",\"agentId\":\"{agent}\",\"content\":[{{\"type\":\"text\",\"text\":\"");
        self.line.extend_from_slice(&report);
        w!(self.line, "\"}}],\"totalDurationMs\":{duration},\"totalTokens\":{tokens},\"totalToolUseCount\":{tools},\"usage\":");
        Self::push_usage(&mut self.line, ctx.era, &last_usage);
        w!(self.line, "}},\"sourceToolAssistantUUID\":\"{source}\",");
        self.tail(ctx, parent);
        parent.pending += report_bytes as u64 / 4 + 40;
        self.emit(out)
    }
}
