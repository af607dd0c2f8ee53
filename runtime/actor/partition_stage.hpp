#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "operators/connectors/chunk_parser.hpp"
#include "operators/connectors/file_source.hpp"
#include "operators/connectors/row_formatter.hpp"
#include "runtime/actor/actor_counters.hpp"
#include "runtime/actor/operator_chain.hpp"
#include "runtime/actor/outbox.hpp"
#include "runtime/actor/stage.hpp"

namespace eddy::rt {

/// A partition actor's logic: drains its input channel through its operator chain into the
/// sink channel. After each input batch it sends an end-of-sequence marker (so the sink can
/// restore the source order even when the chain emitted nothing); watermarks are the minimum
/// over its inputs; end-of-stream finishes the chain and is forwarded. Stops draining its input
/// while the sink channel is full.
///
/// In chunk mode (set_chunked()) its input carries raw chunks of the source file instead of
/// batches: it parses each into batches with its own parser, runs them through the chain,
/// renders what comes out with a copy of the sink's formatter (when the sink has one), and sends
/// the text with the chunk's parse counts in the chunk's end-of-sequence marker.
///
/// In exchange mode (set_exchange(); keyed jobs whose file N parser actors parse, see
/// ParserStage) it has one input channel per parser and takes them in global chunk order: the
/// rows of chunk s from parser s % N up to that chunk's end marker, then chunk s+1 from the
/// next parser. So it sees its keys' rows in exact file order, whatever N. The end of input is
/// the end from every parser. Partition 0 also adds up the chunks' parse counts in that order.
/// The watermark is the largest of the chunks' watermarks taken so far (from their end
/// markers), so it follows the file order as the sequential source's does.
///
/// Why the exchange cannot deadlock: let s be the smallest chunk that some partition has not
/// finished. Every partition is at chunk s or later, so every item of the chunks before s has
/// been consumed; parser s % N therefore holds nothing of them, the source has sent chunk s
/// (the chunks ahead of it in that parser's channel were all parsed), and the parser takes it
/// (it waits only for room for its previous chunk's output, which has all been consumed). Its
/// output for chunk s goes to each partition through that partition's own channel and outbox,
/// so a full channel to one partition never holds back another: a partition still at chunk s
/// reads only that parser's channel and frees room, and one past s has already taken all of
/// chunk s. The sink takes whatever arrives, so a partition's output always drains. Hence
/// chunk s completes at every partition and the smallest unfinished chunk keeps advancing.
class PartitionStage final : public Stage {
 public:
  PartitionStage(size_t index, OperatorChain& chain, Channel<Envelope>& input,
                 Channel<Envelope>& output, ActorCounters& counters, Waker& waker,
                 size_t items_per_step = 16);

  /// Switches to chunk mode: chunks come from `source` (whose parsers this stage makes) and,
  /// when `formatter` is not null, output rows are rendered with a copy of it. Call before the
  /// first step.
  void set_chunked(const ops::FileSource& source, const ops::RowFormatter* formatter);
  /// Switches to exchange mode: `inputs[p]` is the channel from parser p. When
  /// `source_counters` is set (partition 0), the chunks' parse counts are added up in chunk
  /// order, kept in parsed() and published there as records_in and parse_errors, and their
  /// dead-letter entries are appended to `source`'s dead-letter file in that order. Call
  /// before the first step.
  /// When `formatter` is not null, output rows are rendered with a copy of it and sent as text
  /// once per chunk (and after finishing), which spares the single sink thread the formatting.
  void set_exchange(std::vector<Channel<Envelope>*> inputs, ActorCounters* source_counters,
                    const ops::FileSource* source, const ops::RowFormatter* formatter);
  /// Exchange mode, partition 0: the records, parse errors and first bad records of the chunks
  /// taken so far, in file order. Read only once no stage runs any more.
  [[nodiscard]] const ops::SourceStats& parsed() const { return parsed_; }

  [[nodiscard]] Result<StepResult> step() override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  /// Forwards the last operator's output into the sink outbox.
  class ToSink final : public ops::Emitter {
   public:
    explicit ToSink(PartitionStage* stage) : stage_(stage) {}
    void emit(BatchPtr batch) override;

   private:
    PartitionStage* stage_;
  };

  Status handle(size_t input, Envelope e);
  /// The input channel to read next.
  [[nodiscard]] size_t next_input() const;
  /// Exchange mode: takes one input's end (after every chunk's, the end of the input).
  Status end_input(size_t input, uint64_t seq);
  /// Chunk mode: parses one chunk through the chain and sends its output and counts.
  Status handle_chunk(const Envelope& e);
  /// Sends rows rendered outside any chunk (watermark or finish output).
  void send_rendered();
  /// An empty output to render into: one the sink has let go of (keeping its text's capacity,
  /// so rendering writes to warm memory instead of page-faulting fresh pages) or a new one.
  std::shared_ptr<ChunkOutput> free_output();

  OperatorChain& chain_;
  // One input; in exchange mode one per parser.
  std::vector<Channel<Envelope>*> inputs_;
  Outbox outbox_;
  ActorCounters& counters_;
  Waker& waker_;
  ToSink to_sink_{this};
  // Chunk mode.
  const ops::FileSource* chunk_source_ = nullptr;
  std::unique_ptr<ops::ChunkParser> parser_;  // made at the first chunk, once the header is read
  std::optional<ops::RowFormatter> formatter_;
  std::shared_ptr<ChunkOutput> output_;  // rows rendered since the last send, when any
  // Outputs sent to the sink, reused once the sink drops them (at most channel capacity plus
  // the one being written are held at a time).
  std::vector<std::shared_ptr<ChunkOutput>> outputs_;
  // Exchange mode.
  bool exchange_ = false;
  uint64_t next_chunk_ = 0;   // the chunk whose rows come next
  bool chunks_done_ = false;  // every chunk is taken: only the parsers' ends are left
  std::vector<bool> input_ended_;
  size_t inputs_ended_ = 0;
  ActorCounters* source_counters_ = nullptr;             // partition 0 only
  const ops::FileSource* dead_letter_source_ = nullptr;  // partition 0 only
  ops::SourceStats parsed_;
  size_t items_per_step_;
  std::string name_;
  // One watermark per input; the partition's watermark is their minimum.
  std::vector<int64_t> input_watermarks_;
  int64_t watermark_;
  bool ended_ = false;
};

}  // namespace eddy::rt
