#pragma once
// SERVICE <endpoint> { … } (SPARQL 1.1 Federated Query). The group is sent to the
// endpoint as SELECT * WHERE with its prefixes, and the answers are joined here.
//
// As the right side of a join it works as a bind join: it takes the left rows in
// batches, sends each endpoint one request per batch carrying the distinct values
// those rows give the group's variables as a VALUES block (UNDEF where a row
// leaves one unbound; blank nodes are never sent), and joins the answers with the
// rows. Alone, its only left row is the seed. An endpoint given by a variable is
// read from each row. SILENT turns a failed request into one empty solution.

#include "query/error.h"
#include "query/executor/operator.h"
#include "query/executor/service_client.h"

#include <map>
#include <optional>

namespace corridor::query::executor {

class ServiceOp : public Operator {
public:
    struct Spec {
        std::optional<storage::Term> endpoint; // a fixed endpoint IRI, or
        int endpointSlot = -1;                 // the slot of the endpoint variable
        bool silent = false;
        std::string query;                             // without VALUES
        std::vector<std::pair<std::string, int>> vars; // the group's variables and their slots
        SourceSpan span;                               // for errors
        std::string text;                              // the whole query, for errors
    };
    static constexpr std::size_t kBatchRows = 100; // left rows per request

    // `left` null: SERVICE alone, joined with the seed only.
    ServiceOp(ExecContext& ctx, Spec spec, OperatorPtr left = nullptr)
        : Operator(ctx), spec_(std::move(spec)), left_(std::move(left)), memory_(ctx, "SERVICE answers") {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;
    std::vector<const Operator*> inputs() const override;

    std::uint64_t requests = 0; // sent to endpoints

private:
    [[noreturn]] void fail(const std::string& message) const;
    bool fillLeft();    // the next batch of left rows
    void answerBatch(); // requests for the batch, joined into output_
    std::optional<std::string> endpointOf(const std::vector<TermId>& row);
    std::vector<std::vector<TermId>> ask(const std::string& endpoint,
                                         const std::vector<const std::vector<TermId>*>& rows, bool& failed);

    Spec spec_;
    OperatorPtr left_;
    std::vector<TermId> seed_;
    std::vector<std::vector<TermId>> batch_; // left rows
    bool leftDone_ = false;
    std::vector<std::vector<TermId>> output_;
    std::size_t outputPos_ = 0;
    std::size_t answered_ = 0; // answers received (for naming their blank nodes apart)
    MemoryCharge memory_;      // the batch's answers and joined rows
};

} // namespace corridor::query::executor
