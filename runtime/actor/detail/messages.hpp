#pragma once

// CAF atoms of the actor runtime, declared once. Internal: include only from .cpp files.
#include <caf/all.hpp>

namespace eddy::rt::detail {

/// Opens the stage and takes its first step.
using start_atom = caf::atom_constant<caf::atom("start")>;
/// Takes one more step (input arrived, room freed, or the stage yielded to itself).
using wake_atom = caf::atom_constant<caf::atom("wake")>;
/// The monitor's periodic timer.
using sample_atom = caf::atom_constant<caf::atom("sample")>;

}  // namespace eddy::rt::detail
