class TestModule(object):
    def tests(self):
        return {'even': lambda n: n % 2 == 0}
