# eddy_runtime: channels, stages and the CAF actor shells that run jobs (namespace eddy::rt).
# CAF stays in the .cpp files and runtime/actor/detail/; the public headers do not include it.
add_library(eddy_runtime STATIC
  ${PROJECT_SOURCE_DIR}/runtime/actor/detail/monitor_actor.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/detail/stage_actor.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/chunk_output.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/engine.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/hash_partitioner.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/job_runtime.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/metrics_snapshot.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/operator_chain.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/outbox.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/parser_stage.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/partition_stage.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/sink_stage.cpp
  ${PROJECT_SOURCE_DIR}/runtime/actor/source_stage.cpp
)
target_include_directories(eddy_runtime PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(eddy_runtime
  PUBLIC eddy_core eddy_operators
  PRIVATE CAF::core moodycamel::concurrentqueue xxHash::xxhash)
