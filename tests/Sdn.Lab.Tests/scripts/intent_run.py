#!/usr/bin/python3
"""Lab driver for the path-intent test (IntentLabTests): policy_run.py on ``intent_ring``.

The ring is1..is4 with hosts ih1..ih4 (dpids 00000000f7010N, MACs 00:00:00:00:f7:0N, IPs 10.247.0.N;
mininet-topologies/policy_topologies.py), so it can run next to the policy lab. Same options, commands and
``RESULT`` lines as policy_run.py; run as root with Debian's interpreter, always under ``timeout``::

    timeout 300 /usr/bin/python3 intent_run.py --port 26653
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', 'mininet-topologies'))
sys.path.insert(0, HERE)

# pylint: disable=wrong-import-position
from policy_run import main  # noqa: E402
from policy_topologies import IntentRing  # noqa: E402

if __name__ == '__main__':
    sys.exit(main(IntentRing))
