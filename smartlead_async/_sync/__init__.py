"""The blocking client: :class:`SmartleadSyncClient` runs a :class:`SmartleadClient` in an
event loop of its own (``_runner``); its resources are generated from the async ones
(``_generated``, written by ``tools/generate_sync.py``)."""
