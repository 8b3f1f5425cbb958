"""localstripe with disputes: the test server knows no disputes, so a dispute event could not be checked
against it. This adds `/v1/disputes` (create, retrieve, update) and runs localstripe's server as usual.

Real Stripe creates disputes only from a card network (in test mode, from special test cards); creating one
by POST is a test-server convenience, used by the tests to stand in for "the provider has this dispute".
"""

from localstripe import server
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

if __name__ == "__main__":
    server.start()
