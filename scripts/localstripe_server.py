"""The local Stripe test server of the one-machine run and of the tests: localstripe, with its store in a
file of our choosing and a dispute resource.

localstripe keeps its objects in one pickle at a fixed path shared by every localstripe on the machine, so a
test run's store (holding disputes, which plain localstripe cannot read) overwrote the one-machine run's,
and ``make run`` then failed to start its Stripe server. Here the store lives where ``--store`` says; a
store that cannot be read is set aside (``*.unreadable``) and the server starts empty, saying so.

The test server knows no disputes, so a dispute event could not be checked against it: this adds
``/v1/disputes`` (create, retrieve, update). Real Stripe creates disputes only from a card network (in test
mode, from special test cards); creating one by POST is a test-server convenience, used by the tests to
stand in for "the provider has this dispute".

    python scripts/localstripe_server.py --port 8420 --store var/localstripe/store.pickle [--from-scratch]
"""

import argparse
import os
import pickle
import sys
from pathlib import Path

from localstripe import resources, server
from localstripe.errors import UserError
from localstripe.resources import StripeObject, try_convert_to_int


class Dispute(StripeObject):
    object = "dispute"
    _id_prefix = "dp_"

    def __init__(self, payment_intent=None, amount=None, currency="cny", status="needs_response", **kwargs):
        if kwargs or not payment_intent or try_convert_to_int(amount) is None:
            raise UserError(400, "Bad request")
        super().__init__()
        self.payment_intent = payment_intent
        self.charge = None
        self.amount = int(try_convert_to_int(amount))
        self.currency = currency
        self.status = status
        self.reason = "general"
        self.metadata = {}


for method, url, make in (
    ("POST", "/v1/disputes", server.api_create),
    ("GET", "/v1/disputes/{id}", server.api_retrieve),
    ("POST", "/v1/disputes/{id}", server.api_update),
):
    server.app.router.add_route(method, url, make(Dispute, url))


def _keep_store_in(path: Path) -> None:
    """localstripe loads and saves its store at one fixed path for the whole machine; point it at ours."""

    def load(store):
        try:
            with path.open("rb") as f:
                old = pickle.load(f)
        except FileNotFoundError:
            return
        except Exception as exc:  # noqa: BLE001  (unpickling can raise anything; the store is only a convenience)
            aside = path.with_name(path.name + ".unreadable")
            os.replace(path, aside)
            sys.stderr.write(
                f"localstripe: store unreadable ({type(exc).__name__}), set aside as {aside.name}; starting empty\n"
            )
            return
        store.clear()
        store.update(old)

    def dump(store):
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as f:
            pickle.dump(dict(store), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    resources.Store.try_load_from_disk = load
    resources.Store.dump_to_disk = dump


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the file that keeps the server's objects")
    ours, rest = parser.parse_known_args()
    ours.store.parent.mkdir(parents=True, exist_ok=True)
    _keep_store_in(ours.store.resolve())
    sys.argv = [sys.argv[0], *rest]  # --port and --from-scratch are localstripe's own
    server.start()


if __name__ == "__main__":
    main()
