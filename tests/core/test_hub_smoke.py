from crystalbay.hub import Hub


async def test_hub_starts_with_builtins_and_fakes(hub: Hub) -> None:
    report = await hub.health()
    assert report["status"] == "ok"
    assert set(hub.channels) == {"log", "fake"}
    assert "fake" in hub.tour_providers
