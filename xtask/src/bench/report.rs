//! The bench table: printed, and appended to docs/perf.md with the commit,
//! date, CPU count and rustc version.

use anyhow::Result;
use std::path::Path;
use std::process::Command;

pub struct Report {
    header: String,
    lines: Vec<String>,
}

fn output(program: &str, args: &[&str], dir: &Path) -> String {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

impl Report {
    pub fn new(root: &Path) -> Result<Report> {
        let commit = output("git", &["rev-parse", "--short", "HEAD"], root);
        let date = output("date", &["-u", "+%Y-%m-%d %H:%M UTC"], root);
        let rustc = output("rustc", &["--version"], root);
        let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Ok(Report {
            header: format!("## `cargo xtask bench`, {date}\n\ncommit {commit}, {cpus} CPUs, {rustc}. Median (min–max) of the runs."),
            lines: Vec::new(),
        })
    }

    pub fn section(&mut self, title: &str) {
        self.lines.push(format!("\n### {title}\n\n| figure | value | goal |\n|---|---:|---|"));
    }

    pub fn row(&mut self, figure: &str, value: &str, goal: &str) {
        self.lines.push(format!("| {figure} | {value} | {goal} |"));
    }

    pub fn note(&mut self, text: &str) {
        self.lines.push(format!("\n{text}\n"));
    }

    fn render(&self) -> String {
        let mut text = self.header.clone();
        text.push('\n');
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    pub fn print(&self) {
        println!("{}", self.render());
    }

    pub fn append_to(&self, path: &Path) -> Result<()> {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new().append(true).create(true).open(path)?;
        write!(file, "\n{}", self.render())?;
        Ok(())
    }
}
