# eddy_sql: the SQL front end (lexer, parser, AST, binder, planner). Pure: no CAF, no
# threads.
add_library(eddy_sql STATIC
  ${PROJECT_SOURCE_DIR}/sql/app_plan.cpp
  ${PROJECT_SOURCE_DIR}/sql/ast.cpp
  ${PROJECT_SOURCE_DIR}/sql/binder.cpp
  ${PROJECT_SOURCE_DIR}/sql/lexer.cpp
  ${PROJECT_SOURCE_DIR}/sql/parser.cpp
  ${PROJECT_SOURCE_DIR}/sql/planner.cpp
  ${PROJECT_SOURCE_DIR}/sql/property_resolver.cpp
  ${PROJECT_SOURCE_DIR}/sql/token.cpp
)
target_link_libraries(eddy_sql PUBLIC eddy_core eddy_operators)
