"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Routes


class AccountsConfig(CapabilityConfig):
    name = "coproduce.accounts"
    label = "accounts"
    capability = Capability(
        title="People and sign-in",
        routes=Routes(
            pages=(("accounts/", "urls"),),
            api_views=(("auth/token/", "TokenView", "token"),),
            api=(("auth/tokens", "TokenViewSet", "auth-token"),),
        ),
        demo="coproduce.accounts.demo.load",
        demo_order=10,
        route_expectations="coproduce.accounts.tests.routes",
    )
