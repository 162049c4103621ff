#!/usr/bin/python3
"""Lab driver for the Flows service test (FlowsLabTests): policy_run.py on ``flows_line``.

xs1-xs2 with hosts xh1, xh3 on xs1 and xh2 on xs2 (dpids 00000000f8010N, MACs 00:00:00:00:f8:0N, IPs 10.248.0.N;
mininet-topologies/flows_topologies.py), so it can run next to the policy and intent labs. Same options, commands
and ``RESULT`` lines as policy_run.py; run as root with Debian's interpreter, always under ``timeout``::

    timeout 300 /usr/bin/python3 flows_run.py --port 26653
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', 'mininet-topologies'))
sys.path.insert(0, HERE)

# pylint: disable=wrong-import-position
from policy_run import main  # noqa: E402
from flows_topologies import FlowsLine  # noqa: E402

if __name__ == '__main__':
    sys.exit(main(FlowsLine))
