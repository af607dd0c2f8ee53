#include "runtime/actor/metrics_snapshot.hpp"

#include <cinttypes>
#include <cstdio>

namespace eddy::rt {

namespace {

/// Escapes a Prometheus label value (backslash, double quote, newline).
std::string escape_label(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void line(std::string& out, const char* name, const std::string& labels, uint64_t value) {
  out += name;
  out += '{';
  out += labels;
  out += "} ";
  out += std::to_string(value);
  out += '\n';
}

std::string human(double v) {
  char buf[32];
  if (v >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.1fG", v / 1e9);
  } else if (v >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1fM", v / 1e6);
  } else if (v >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

struct ActorSeries {
  const char* name;
  const char* type;
  const char* help;
  uint64_t ActorMetrics::*field;
};

constexpr ActorSeries kActorSeries[] = {
    {"eddy_records_in_total", "counter", "Rows received by an actor.", &ActorMetrics::records_in},
    {"eddy_records_out_total", "counter", "Rows emitted by an actor.", &ActorMetrics::records_out},
    {"eddy_batches_in_total", "counter", "Batches received by an actor.",
     &ActorMetrics::batches_in},
    {"eddy_batches_out_total", "counter", "Batches emitted by an actor.",
     &ActorMetrics::batches_out},
    {"eddy_queue_depth", "gauge", "Items waiting in an actor's input channels.",
     &ActorMetrics::queue_depth},
    {"eddy_queue_depth_max", "gauge", "Highest fill of one input channel so far.",
     &ActorMetrics::max_queue_depth},
};

struct JobSeries {
  const char* name;
  const char* help;
  uint64_t JobMetrics::*field;
};

constexpr JobSeries kJobSeries[] = {
    {"eddy_job_records_in_total", "Rows read by a job's source.", &JobMetrics::records_in},
    {"eddy_job_records_out_total", "Rows written by a job's sink.", &JobMetrics::records_out},
    {"eddy_job_parse_errors_total", "Malformed input records skipped by a job's source.",
     &JobMetrics::parse_errors},
    {"eddy_job_late_dropped_total", "Records dropped because their window had already closed.",
     &JobMetrics::late_dropped},
    {"eddy_job_bytes_in_total", "Input bytes consumed by a job's source.", &JobMetrics::bytes_in},
};

}  // namespace

const char* actor_kind_name(ActorKind kind) {
  switch (kind) {
    case ActorKind::kSource:
      return "source";
    case ActorKind::kParser:
      return "parser";
    case ActorKind::kPartition:
      return "partition";
    case ActorKind::kSink:
      return "sink";
  }
  return "unknown";
}

std::string render_prometheus(const MetricsSnapshot& snapshot) {
  std::string out;
  for (const auto& series : kActorSeries) {
    header(out, series.name, series.type, series.help);
    for (const auto& job : snapshot.jobs) {
      for (const auto& actor : job.actors) {
        std::string labels = "job=\"" + escape_label(job.name) + "\",actor=\"" +
                             escape_label(actor.name) + "\",kind=\"" + actor_kind_name(actor.kind) +
                             "\"";
        line(out, series.name, labels, actor.*series.field);
      }
    }
  }
  for (const auto& series : kJobSeries) {
    header(out, series.name, "counter", series.help);
    for (const auto& job : snapshot.jobs) {
      line(out, series.name, "job=\"" + escape_label(job.name) + "\"", job.*series.field);
    }
  }
  header(out, "eddy_uptime_seconds", "gauge", "Seconds since the run started.");
  char buf[64];
  std::snprintf(buf, sizeof buf, "eddy_uptime_seconds %.3f\n", snapshot.elapsed_s);
  out += buf;
  return out;
}

std::string render_progress(const MetricsSnapshot& snapshot) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1fs", snapshot.elapsed_s);
  std::string out = buf;
  for (const auto& job : snapshot.jobs) {
    out += " | " + job.name + ": " + human(static_cast<double>(job.records_in)) + " in (" +
           human(job.records_in_per_s) + "/s), " + human(static_cast<double>(job.records_out)) +
           " out";
    if (job.late_dropped > 0) {
      out += ", " + std::to_string(job.late_dropped) + " late";
    }
    if (job.parse_errors > 0) {
      out += ", " + std::to_string(job.parse_errors) + " bad";
    }
  }
  return out;
}

}  // namespace eddy::rt
