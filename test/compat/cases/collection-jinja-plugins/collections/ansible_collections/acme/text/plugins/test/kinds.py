# A test of the acme.text test collection: acme.text.shouty holds for upper-case text.
class TestModule(object):
    def tests(self):
        return {'shouty': lambda text: text == text.upper()}
