"""Distributed engines; nothing else in veille imports them."""
