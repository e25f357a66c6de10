"""The network and everything computed on it: layers → graph → route. No Qt here."""
