//! Runs a child process and measures it from outside: wall time, CPU time
//! (user + system) and peak RSS, from `wait4`'s resource usage. The RSS
//! is the largest of the child and the descendants it waited for (for
//! cargo: the biggest rustc).

use anyhow::{bail, Context, Result};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Measured {
    pub wall: Duration,
    pub cpu: Duration,
    pub peak_rss_mb: f64,
}

/// Runs `command` to completion; its stdout is returned.
pub fn run(command: &mut Command) -> Result<(Measured, String)> {
    let described = format!("{command:?}");
    let started = Instant::now();
    let mut child = command.stdout(Stdio::piped()).spawn().with_context(|| format!("starting {described}"))?;
    let mut stdout = String::new();
    if let Some(mut pipe) = child.stdout.take() {
        std::io::Read::read_to_string(&mut pipe, &mut stdout).with_context(|| format!("reading {described}"))?;
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our
    // own unreaped child, which std never waits for after this.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::wait4(pid, &mut status, 0, &mut usage) < 0 {
            bail!("wait4 on {described}: {}", std::io::Error::last_os_error());
        }
        usage
    };
    let wall = started.elapsed();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        bail!("{described} failed (wait status {status})");
    }
    let seconds = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Ok((
        Measured {
            wall,
            cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            // Linux reports kilobytes.
            peak_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        },
        stdout,
    ))
}

/// Median, min and max of a series.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

pub fn spread(values: &[f64]) -> Spread {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    Spread {
        median,
        min: sorted.first().copied().unwrap_or(f64::NAN),
        max: sorted.last().copied().unwrap_or(f64::NAN),
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = if self.median.abs() >= 100.0 { 0 } else { 2 };
        write!(f, "{:.*} ({:.*}–{:.*})", digits, self.median, digits, self.min, digits, self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::spread;

    #[test]
    fn spread_takes_the_middle_and_the_ends() {
        let s = spread(&[3.0, 1.0, 2.0]);
        assert_eq!((s.median, s.min, s.max), (2.0, 1.0, 3.0));
        assert_eq!(spread(&[4.0, 1.0, 2.0, 3.0]).median, 2.5);
    }
}
