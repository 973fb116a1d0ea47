// Package sgbeam runs the socialgeo analysis on Apache Beam, so that an
// archive too large for one machine can be processed by an existing
// distributed engine (Flink, Spark, Google Cloud Dataflow) or locally by
// Beam's prism runner.
//
// The stages are the core library's, unchanged:
//
//	textio lines ──DecodeLineFn──▶ source.Post ──ObserveFn──▶ KV<key, aggregate.Observation>
//	file names ───DecodeFileFn──▶ source.Post                      │
//	                                                              ▼
//	            CombinePerKey(GridFn, ODFn, ...) ──▶ KV<key, state> ──▶ Combine(merge) ──▶ one state ──▶ WriteFn
//
// [DecodeLineFn] decodes one NDJSON line with the core NDJSON decoder;
// [DecodeFileFn] decodes whole files of any core format (Mastodon, Bluesky,
// Open311, RSS/Atom, ...). [ObserveFn] builds one socialgeo.Pipeline per
// DoFn instance (in Setup) from options registered by name with
// [RegisterOptions], so that every worker uses the same configuration,
// and calls Pipeline.Observe on every post. The CombineFns' accumulators
// are the core aggregate states themselves (*aggregate.Grid, *aggregate.OD
// ...): AddInput is the state's Add, MergeAccumulators its Merge.
//
// # Coders
//
// Every state is encoded by Beam with its own exact MarshalBinary /
// UnmarshalBinary format, registered explicitly with beam.RegisterCoder
// (see coder.go). Without that Beam picks its schema row coder for
// structs and pointers to structs, which encodes exported fields only: an
// aggregate (all unexported fields) then arrives empty on the other side,
// with no error. The direct runner never encodes accumulators and hides
// that; the tests therefore run on prism, which does encode them (and a
// test checks that the coders in use are the registered ones).
//
// # Differences from Pipeline.Run
//
// Pipeline.Observe applies no stream filters: duplicate and near-duplicate
// detection, repost collapsing and the author cap need the posts in input
// order, which a distributed engine does not have. A Beam run therefore
// equals a single-process Run with those filters off (DedupWindow 0,
// AuthorCap 0, KeepReposts true); TestBeamEqualsRun checks exactly that.
// Deduplicate the input before the run when it needs it.
//
// # Registration
//
// Every DoFn, CombineFn and function used here is registered in init
// with the register package, and every state type has its coder
// registered, so the same binary works as launcher and as worker. Programs
// must call beam.Init() after flag.Parse() and before building the
// pipeline (see cmd/socialgeo-beam).
package sgbeam
